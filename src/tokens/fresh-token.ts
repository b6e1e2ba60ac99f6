import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics, TokenRefreshSource } from '../observability/metrics.js';
import { explainFailure } from '../quota/explain-failure.js';
import type { DatabaseSchema, TokenCacheRow } from '../store/schema.js';
import {
  expireCachedToken,
  readCachedToken,
  recordRefreshFailure,
  releaseLease,
  storeRefreshedToken,
  type TokenCacheKey,
  tryTakeLease,
} from '../store/token-cache.js';
import type { TimedToken } from './central-token.js';
import { TokenRefreshBusyError } from './errors.js';

/** Tuning of the refresh discipline; production uses the defaults. */
export interface FreshTokenOptions {
  /** Refresh this long before expiry (capped at a quarter of the token's lifetime), default 5 minutes. */
  refreshAheadMs?: number;
  /** A lease outlives a crashed holder by at most this, default 30 s (longer than any refresh may take). */
  leaseTtlMs?: number;
  /** How long a caller waits for another process's refresh before giving up, default 10 s. */
  waitMs?: number;
  /** How often a waiting caller looks at the cache again, default 100 ms (jittered). */
  pollMs?: number;
}

/** What the cache engine needs; `holder` names this process in leases. */
export interface FreshTokenDeps extends FreshTokenOptions {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
  holder: string;
  logger: Logger;
  /** Counts refreshes performed (not cache hits); default: not counted. */
  metrics?: Pick<Metrics, 'tokenRefresh'>;
}

/**
 * Tokens cached sealed in the database and refreshed ahead of expiry by exactly one caller at a time: callers in
 * this process share one promise (single-flight); processes share a database lease, re-check the cache after
 * taking it, and otherwise poll briefly while the holder refreshes.
 */
export interface FreshTokens {
  /** The cached token while fresh; otherwise the result of one `refresh` across every process. */
  get(where: TokenCacheKey, refresh: () => Promise<TimedToken>): Promise<string>;
  /** Expires the cached token only if it is still `token` (the one WeChat rejected); true when it was. */
  expireIfCurrent(where: TokenCacheKey, token: string): Promise<boolean>;
}

/** Creates the cache engine over the token_cache table. */
export function createFreshTokens(deps: FreshTokenDeps): FreshTokens {
  const refreshAheadMs = deps.refreshAheadMs ?? 5 * 60_000;
  const leaseTtlMs = deps.leaseTtlMs ?? 30_000;
  const waitMs = deps.waitMs ?? 10_000;
  const pollMs = deps.pollMs ?? 100;
  const log = deps.logger.child({ component: 'tokens' });
  const inFlight = new Map<string, Promise<string>>();
  const aad = (where: TokenCacheKey) => `token-cache:${where.teamId}:${where.key}`;

  /** The cached token if it is fresh (usable and not yet in its refresh-ahead window), or usable at all. */
  function usable(row: TokenCacheRow | undefined, now: number, mode: 'fresh' | 'valid'): string | null {
    if (!row?.value || !row.expires_at) return null;
    const expiresAt = Date.parse(row.expires_at);
    const lifetime = row.refreshed_at ? expiresAt - Date.parse(row.refreshed_at) : 0;
    const margin = mode === 'fresh' ? Math.min(refreshAheadMs, Math.max(0, lifetime / 4)) : 0;
    if (expiresAt - margin <= now) return null;
    try {
      return deps.box.open(row.value, aad({ teamId: row.team_id, key: row.cache_key }));
    } catch (err) {
      // Another ENCRYPTION_KEY or tampering: treat as absent, a refresh replaces it.
      log.warn({ err, cacheKey: row.cache_key, teamId: row.team_id }, 'cached token cannot be opened; refreshing');
      return null;
    }
  }

  async function refreshUnderLease(where: TokenCacheKey, refresh: () => Promise<TimedToken>): Promise<string> {
    let timed: TimedToken;
    // The key's prefix says which token this is (see token-cache.ts): central, component or authorizer.
    const source = where.key.slice(0, where.key.indexOf(':')) as TokenRefreshSource;
    try {
      timed = await refresh();
      deps.metrics?.tokenRefresh(source, 'ok');
    } catch (error) {
      deps.metrics?.tokenRefresh(source, 'failed');
      const { code, headline } = explainFailure(error);
      await recordRefreshFailure(deps.db, {
        ...where,
        holder: deps.holder,
        now: deps.clock(),
        code,
        message: headline,
      }).catch((err: unknown) => log.warn({ err, cacheKey: where.key }, 'could not record a failed refresh'));
      throw error;
    }
    const stored = await storeRefreshedToken(deps.db, {
      ...where,
      holder: deps.holder,
      sealed: deps.box.seal(timed.token, aad(where)),
      expiresAt: timed.expiresAt,
      now: deps.clock(),
    });
    // Not stored: the provider was saved again or removed meanwhile; this caller may still use what it got.
    if (!stored) log.info({ cacheKey: where.key, teamId: where.teamId }, 'refreshed token not cached: row was reset');
    log.info({ cacheKey: where.key, teamId: where.teamId, expiresAt: timed.expiresAt }, 'token refreshed');
    return timed.token;
  }

  async function obtain(where: TokenCacheKey, refresh: () => Promise<TimedToken>): Promise<string> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const row = await readCachedToken(deps.db, where);
      const fresh = usable(row, deps.clock().getTime(), 'fresh');
      if (fresh !== null) return fresh;
      if (await tryTakeLease(deps.db, { ...where, holder: deps.holder, now: deps.clock(), ttlMs: leaseTtlMs })) {
        // Someone may have finished a refresh between our read and our lease: never refresh twice.
        const again = usable(await readCachedToken(deps.db, where), deps.clock().getTime(), 'fresh');
        if (again === null) return refreshUnderLease(where, refresh);
        await releaseLease(deps.db, { ...where, holder: deps.holder });
        return again;
      }
      // Another process is refreshing. A token still inside its refresh-ahead window is good enough meanwhile.
      const valid = usable(row, deps.clock().getTime(), 'valid');
      if (valid !== null) return valid;
      if (Date.now() >= deadline) throw new TokenRefreshBusyError(where.key.split(':')[0] ?? 'a token');
      await delay(pollMs / 2 + Math.random() * pollMs);
    }
  }

  return {
    get(where, refresh) {
      const flightKey = `${where.teamId}\u0000${where.key}`;
      const pending = inFlight.get(flightKey);
      if (pending) return pending;
      const started = obtain(where, refresh).finally(() => inFlight.delete(flightKey));
      inFlight.set(flightKey, started);
      return started;
    },
    async expireIfCurrent(where, token) {
      const row = await readCachedToken(deps.db, where);
      if (!row?.value) return false;
      let current: string;
      try {
        current = deps.box.open(row.value, aad(where));
      } catch {
        return false;
      }
      if (current !== token) return false;
      return expireCachedToken(deps.db, { ...where, sealed: row.value, now: new Date(0) });
    },
  };
}
