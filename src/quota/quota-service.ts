import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { DatabaseSchema } from '../store/schema.js';
import { recordSnapshot } from '../store/snapshots.js';
import type { AccessTokenSource } from '../tokens/access-token-source.js';
import type { WeChatClient } from '../wechat/client.js';
import type { Provider, QuotaReading } from './types.js';

/** One provider's result: the reading, or the error that explains why there is none. */
export type QuotaOutcome =
  | { readonly provider: Provider; readonly ok: true; readonly reading: QuotaReading; readonly fromCache: boolean }
  | { readonly provider: Provider; readonly ok: false; readonly error: unknown };

/** Reads quotas through a short-lived cache, so a busy channel costs WeChat one call per provider per TTL. */
export interface QuotaService {
  /** The provider's quota; `fresh` skips the cache (still shares an in-flight call). Throws the upstream error. */
  read(provider: Provider, options?: { fresh?: boolean }): Promise<{ reading: QuotaReading; fromCache: boolean }>;
  /** Every given provider, concurrently; one failure never hides the others. */
  readAll(providers: readonly Provider[]): Promise<QuotaOutcome[]>;
  /** Forget cached readings (all, or one provider's). */
  invalidate(providerId?: string): void;
}

export interface QuotaServiceDeps {
  db: Kysely<DatabaseSchema>;
  wechat: WeChatClient;
  tokens: AccessTokenSource;
  clock: () => Date;
  cacheTtlMs: number;
  logger: Logger;
}

export function createQuotaService(deps: QuotaServiceDeps): QuotaService {
  const log = deps.logger.child({ component: 'quota' });
  // Keyed by id and updatedAt: replacing a provider's token must not serve the old token's answer.
  const cache = new Map<string, { reading: QuotaReading; expiresAt: number }>();
  const inFlight = new Map<string, Promise<QuotaReading>>();

  const keyOf = (provider: Provider) => `${provider.id}@${provider.updatedAt.getTime()}`;

  async function fetchAndRecord(provider: Provider): Promise<QuotaReading> {
    const token = await deps.tokens.tokenFor(provider);
    const quota = await deps.wechat.queryQuota(token);
    const reading: QuotaReading = { ...quota, checkedAt: deps.clock() };
    cache.set(keyOf(provider), { reading, expiresAt: reading.checkedAt.getTime() + deps.cacheTtlMs });
    try {
      await recordSnapshot(deps.db, { teamId: provider.teamId, providerId: provider.id, reading });
    } catch (err) {
      // History is for digests; a failed write must not cost the user the answer they asked for.
      log.error({ err, providerId: provider.id }, 'could not record quota snapshot');
    }
    return reading;
  }

  function sharedFetch(provider: Provider): Promise<QuotaReading> {
    const key = keyOf(provider);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const started = fetchAndRecord(provider).finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  }

  function pruneExpired(now: number): void {
    for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
  }

  return {
    async read(provider, options = {}) {
      const now = deps.clock().getTime();
      if (!options.fresh) {
        const hit = cache.get(keyOf(provider));
        if (hit && hit.expiresAt > now) return { reading: hit.reading, fromCache: true };
      }
      if (cache.size > 1000) pruneExpired(now);
      return { reading: await sharedFetch(provider), fromCache: false };
    },
    async readAll(providers) {
      return Promise.all(
        providers.map(async (provider): Promise<QuotaOutcome> => {
          try {
            const { reading, fromCache } = await this.read(provider);
            return { provider, ok: true, reading, fromCache };
          } catch (error) {
            return { provider, ok: false, error };
          }
        }),
      );
    },
    invalidate(providerId) {
      if (providerId === undefined) cache.clear();
      else for (const key of cache.keys()) if (key.startsWith(`${providerId}@`)) cache.delete(key);
    },
  };
}
