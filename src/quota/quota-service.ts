import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { listProviders } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { recordSnapshot } from '../store/snapshots.js';
import type { AccessTokenSource } from '../tokens/access-token-source.js';
import type { WeChatClient } from '../wechat/client.js';
import type { Provider, QuotaReading } from './types.js';

/** Share of the TTL, at its end, in which a read also refreshes the reading in the background. */
const REFRESH_AHEAD_FRACTION = 0.2;
/** How long an answer waits for its history write before going without it (see fetchAndRecord). */
const HISTORY_WAIT_MS = 200;

/** One provider's result: the reading, or the error that explains why there is none. */
export type QuotaOutcome =
  | { readonly provider: Provider; readonly ok: true; readonly reading: QuotaReading; readonly fromCache: boolean }
  | { readonly provider: Provider; readonly ok: false; readonly error: unknown };

/** Reads quotas through a short-lived cache, so a busy channel costs WeChat one call per provider per TTL. */
export interface QuotaService {
  /** The provider's quota; `fresh` skips the cache (still shares an in-flight call). Throws the upstream error. */
  read(provider: Provider, options?: { fresh?: boolean }): Promise<{ reading: QuotaReading; fromCache: boolean }>;
  /** Every given provider, concurrently; one failure never hides the others. `fresh` as in read(). */
  readAll(providers: readonly Provider[], options?: { fresh?: boolean }): Promise<QuotaOutcome[]>;
  /**
   * The team's providers (listProviders), read from the database at most once per `providerListTtlMs` per team:
   * every `/quota` needs the list, and it changes rarely. A change made by another process (the CLI, a replica)
   * shows within the TTL; changes made in this process call invalidate().
   */
  providers(teamId: string): Promise<Provider[]>;
  /** Forget cached readings (all, or one provider's) and the cached provider lists. */
  invalidate(providerId?: string): void;
}

export interface QuotaServiceDeps {
  db: Kysely<DatabaseSchema>;
  wechat: WeChatClient;
  tokens: AccessTokenSource;
  clock: () => Date;
  cacheTtlMs: number;
  logger: Logger;
  /** How long a team's provider list is reused, in real (monotonic) time; default 2000 ms, 0 disables. */
  providerListTtlMs?: number;
}

export function createQuotaService(deps: QuotaServiceDeps): QuotaService {
  const log = deps.logger.child({ component: 'quota' });
  // Keyed by id and updatedAt: replacing a provider's token must not serve the old token's answer.
  const cache = new Map<string, { reading: QuotaReading; expiresAt: number }>();
  const inFlight = new Map<string, Promise<QuotaReading>>();

  const keyOf = (provider: Provider) => `${provider.id}@${provider.updatedAt.getTime()}`;
  const listTtlMs = deps.providerListTtlMs ?? 2000;
  const lists = new Map<string, { expiresAt: number; providers: Promise<Provider[]> }>();

  /** One query; when the source can do better after a rejection (a refreshed token), exactly one retry. */
  async function queryWithFreshToken(provider: Provider) {
    const token = await deps.tokens.tokenFor(provider);
    try {
      return await deps.wechat.queryQuota(token);
    } catch (error) {
      if (!(await deps.tokens.reportFailure?.(provider, token, error))) throw error;
      const next = await deps.tokens.tokenFor(provider);
      // The same token again would be rejected again: report the original failure instead of a second call.
      if (next === token) throw error;
      return deps.wechat.queryQuota(next);
    }
  }

  async function fetchAndRecord(provider: Provider): Promise<QuotaReading> {
    const quota = await queryWithFreshToken(provider);
    const reading: QuotaReading = { ...quota, checkedAt: deps.clock() };
    cache.set(keyOf(provider), { reading, expiresAt: reading.checkedAt.getTime() + deps.cacheTtlMs });
    const recorded = recordSnapshot(deps.db, { teamId: provider.teamId, providerId: provider.id, reading }).catch(
      (err: unknown) => {
        // History is for digests; a failed write must not cost the user the answer they asked for.
        log.error({ err, providerId: provider.id }, 'could not record quota snapshot');
      },
    );
    // Normally the write is done in a millisecond. When SQLite is locked by another process it may be retried for
    // seconds: the answer goes now and the history lands when the lock is released.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([recorded, new Promise<void>((resolve) => (timer = setTimeout(resolve, HISTORY_WAIT_MS)))]);
    clearTimeout(timer);
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

  function refreshAhead(provider: Provider): void {
    if (inFlight.has(keyOf(provider))) return;
    sharedFetch(provider).catch((err: unknown) => {
      // The current reading stays until its TTL ends; the next read past it asks WeChat and reports the failure.
      log.debug({ err, providerId: provider.id }, 'refresh-ahead of a quota reading failed');
    });
  }

  function pruneExpired(now: number): void {
    for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
  }

  return {
    async read(provider, options = {}) {
      const now = deps.clock().getTime();
      if (!options.fresh) {
        const hit = cache.get(keyOf(provider));
        if (hit && hit.expiresAt > now) {
          // Refresh ahead: a reading in the last fifth of its TTL is served, and replaced in the background, so a
          // busy workspace never waits on WeChat when the TTL runs out (it made every answer wait: bench p99 tails).
          if (now >= hit.expiresAt - deps.cacheTtlMs * REFRESH_AHEAD_FRACTION) refreshAhead(provider);
          return { reading: hit.reading, fromCache: true };
        }
      }
      if (cache.size > 1000) pruneExpired(now);
      return { reading: await sharedFetch(provider), fromCache: false };
    },
    async readAll(providers, options = {}) {
      return Promise.all(
        providers.map(async (provider): Promise<QuotaOutcome> => {
          try {
            const { reading, fromCache } = await this.read(provider, options);
            return { provider, ok: true, reading, fromCache };
          } catch (error) {
            return { provider, ok: false, error };
          }
        }),
      );
    },
    providers(teamId) {
      const now = performance.now();
      const known = lists.get(teamId);
      if (known && known.expiresAt > now) return known.providers;
      const providers = listProviders(deps.db, teamId);
      if (listTtlMs > 0) {
        if (lists.size > 1000) for (const [team, entry] of lists) if (entry.expiresAt <= now) lists.delete(team);
        const entry = { expiresAt: now + listTtlMs, providers };
        lists.set(teamId, entry);
        // A failed read is not remembered: the next request asks the database again.
        providers.catch(() => lists.get(teamId) === entry && lists.delete(teamId));
      }
      return providers;
    },
    invalidate(providerId) {
      lists.clear();
      if (providerId === undefined) cache.clear();
      else for (const key of cache.keys()) if (key.startsWith(`${providerId}@`)) cache.delete(key);
    },
  };
}
