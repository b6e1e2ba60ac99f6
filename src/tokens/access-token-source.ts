import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Provider } from '../quota/types.js';
import { readCredentials } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { TokenExpiredError } from './errors.js';

/** Hands out the authorizer access token to call WeChat with on behalf of a provider. */
export interface AccessTokenSource {
  tokenFor(provider: Provider): Promise<string>;
  /**
   * WeChat refused `token` (the one tokenFor gave) with `error`. The source reacts (expires that token if it is
   * still the cached one, or marks the provider for re-authorization) and answers true when calling again with
   * tokenFor's next answer may succeed. Sources that cannot do better leave it out.
   */
  reportFailure?(provider: Provider, token: string, error: unknown): Promise<boolean>;
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
      if (credentials.kind !== 'static') throw new Error(`provider "${provider.name}" has no static token any more`);
      return credentials.token;
    },
  };
}
