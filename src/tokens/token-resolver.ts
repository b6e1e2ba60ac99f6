import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Provider } from '../quota/types.js';
import { readProviderState } from '../store/provider-state.js';
import { readCredentials } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { providerTokenKey } from '../store/token-cache.js';
import type { WeChatTokenApi } from '../wechat/client.js';
import { WeChatApiError } from '../wechat/errors.js';
import type { AccessTokenSource } from './access-token-source.js';
import { type CentralFetchOptions, fetchCentralToken } from './central-token.js';
import { createComponentTokens } from './component-tokens.js';
import { ReauthorizationRequiredError, type ReauthReason, TokenExpiredError } from './errors.js';
import { createFreshTokens, type FreshTokenOptions } from './fresh-token.js';

/** Everything the resolver needs; the optional parts are seams for tests. */
export interface TokenResolverDeps {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
  wechat: WeChatTokenApi;
  logger: Logger;
  /** Names this process in refresh leases; default host:pid:random. */
  holder?: string;
  fresh?: FreshTokenOptions;
  central?: CentralFetchOptions;
  /** Told once when a provider gets marked for re-authorization (default: nothing beyond the log). */
  onReauthRequired?: ReauthNotifier;
  /** Counts token refreshes; default: not counted. */
  metrics?: Pick<Metrics, 'tokenRefresh'>;
}

/** Tells whoever must act that a provider needs re-authorization; never throws, never blocks the caller. */
export type ReauthNotifier = (provider: Provider, reason: ReauthReason) => void;

/** A token source for all three kinds of providers; see AccessTokenSource. */
export type TokenResolver = Required<AccessTokenSource>;

/**
 * Dispatches on the provider's token source: static (as stored, with its expiry), central (the provider's token
 * server, cached until shortly before the expiry it gives) or component (refreshed by the bot). Central and component
 * tokens are cached sealed in the database and refreshed by one process at a time.
 */
export function createTokenResolver(deps: TokenResolverDeps): TokenResolver {
  const holder = deps.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const fresh = createFreshTokens({
    ...deps.fresh,
    db: deps.db,
    box: deps.box,
    clock: deps.clock,
    holder,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const components = createComponentTokens({
    ...deps,
    fresh,
    onReauthRequired: deps.onReauthRequired ?? (() => undefined),
  });

  async function assertAuthorized(provider: Provider): Promise<void> {
    const state = await readProviderState(deps.db, provider);
    if (state?.reauthRequiredAt) {
      throw new ReauthorizationRequiredError(
        provider.name,
        state.reauthReason ?? 'deauthorized',
        state.reauthRequiredAt,
      );
    }
  }

  return {
    async tokenFor(provider) {
      const { tokenExpiresAt } = provider;
      if (
        provider.tokenSource === 'static' &&
        tokenExpiresAt !== null &&
        tokenExpiresAt.getTime() <= deps.clock().getTime()
      ) {
        throw new TokenExpiredError(provider.name, tokenExpiresAt);
      }
      // Dispatch on what is stored, not on the Provider object: a caller may hold one read before an admin's edit.
      const credentials = await readCredentials(deps.db, deps.box, provider);
      if (credentials.kind === 'component') {
        await assertAuthorized(provider);
        return components.tokenFor(provider);
      }
      if (credentials.kind === 'static') return credentials.token;
      return fresh.get({ teamId: provider.teamId, key: providerTokenKey('central', provider.id) }, () =>
        fetchCentralToken(credentials, deps.clock(), deps.central),
      );
    },
    async reportFailure(provider, token, error) {
      if (provider.tokenSource === 'static' || !(error instanceof WeChatApiError)) return false;
      if (provider.tokenSource === 'component' && error.category === 'deauthorized') {
        await components.reportDeauthorized(provider, error);
        return false;
      }
      if (error.category !== 'token_rejected') return false;
      const key = providerTokenKey(provider.tokenSource === 'central' ? 'central' : 'authorizer', provider.id);
      // Expire only the token that was sent: if another process already replaced it, its newer token is kept.
      const expired = await fresh.expireIfCurrent({ teamId: provider.teamId, key }, token);
      deps.logger.info(
        { providerId: provider.id, teamId: provider.teamId, errcode: error.errcode, expired },
        'token rejected',
      );
      return true;
    },
  };
}
