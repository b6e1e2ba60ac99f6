import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Provider } from '../quota/types.js';
import { readCredentials } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { TokenExpiredError } from './errors.js';

/** Hands out the authorizer access token to call WeChat with on behalf of a provider. */
export interface AccessTokenSource {
  tokenFor(provider: Provider): Promise<string>;
}

/**
 * Static tokens pasted by an admin: decrypted on demand (never cached in plain text beyond the call),
 * refused once past the expiry the admin gave, so the user hears "expired" instead of a WeChat 42001.
 */
export function createStoredTokenSource(deps: {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
}): AccessTokenSource {
  return {
    async tokenFor(provider) {
      if (provider.tokenExpiresAt !== null && provider.tokenExpiresAt.getTime() <= deps.clock().getTime()) {
        throw new TokenExpiredError(provider.name, provider.tokenExpiresAt);
      }
      const credentials = await readCredentials(deps.db, deps.box, provider);
      return credentials.token;
    },
  };
}
