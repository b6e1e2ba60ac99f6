import type { Kysely } from 'kysely';
import type { DatabaseSchema, TokenCacheRow } from './schema.js';

// Every query filters on team_id: a workspace's cached tokens and leases are its own.

type Db = Kysely<DatabaseSchema>;

/** Where a cached token lives: its workspace and its key (`component:<appid>`, `authorizer:<id>`, `central:<id>`). */
export interface TokenCacheKey {
  readonly teamId: string;
  readonly key: string;
}

/** The cache key of a provider's own access token (authorizer or central), see forgetProviderTokens. */
export function providerTokenKey(source: 'authorizer' | 'central', providerId: string): string {
  return `${source}:${providerId}`;
}

/** The cache key of a component's access token, shared by the workspace's providers of that component. */
export function componentTokenKey(componentAppId: string): string {
  return `component:${componentAppId}`;
}

/** The cached row (sealed value, expiry, lease, last failure), or undefined before the first refresh. */
export async function readCachedToken(db: Db, where: TokenCacheKey): Promise<TokenCacheRow | undefined> {
  return db
    .selectFrom('token_cache')
    .selectAll()
    .where('team_id', '=', where.teamId)
    .where('cache_key', '=', where.key)
    .executeTakeFirst();
}

/**
 * Takes the refresh lease when nobody holds it or the holder's lease ran out (its process died). One statement, so
 * the database decides races between processes: exactly one caller sees one affected row.
 */
export async function tryTakeLease(
  db: Db,
  where: TokenCacheKey & { holder: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const now = where.now.toISOString();
  const until = new Date(where.now.getTime() + where.ttlMs).toISOString();
  const result = await db
    .insertInto('token_cache')
    .values({ team_id: where.teamId, cache_key: where.key, lease_holder: where.holder, lease_expires_at: until })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'cache_key'])
        .doUpdateSet({ lease_holder: where.holder, lease_expires_at: until })
        .where((eb) =>
          eb.or([eb('token_cache.lease_expires_at', 'is', null), eb('token_cache.lease_expires_at', '<', now)]),
        ),
    )
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** Gives the lease back (only if still ours), e.g. after a failed refresh. */
export async function releaseLease(db: Db, where: TokenCacheKey & { holder: string }): Promise<void> {
  await db
    .updateTable('token_cache')
    .set({ lease_holder: null, lease_expires_at: null })
    .where('team_id', '=', where.teamId)
    .where('cache_key', '=', where.key)
    .where('lease_holder', '=', where.holder)
    .execute();
}

/** Stores a refreshed token and releases the lease in one write; false when the lease was lost (row forgotten). */
export async function storeRefreshedToken(
  db: Db,
  where: TokenCacheKey & { holder: string; sealed: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('token_cache')
    .set({
      value: where.sealed,
      expires_at: where.expiresAt.toISOString(),
      refreshed_at: where.now.toISOString(),
      failed_at: null,
      failure_code: null,
      failure_message: null,
      lease_holder: null,
      lease_expires_at: null,
    })
    .where('team_id', '=', where.teamId)
    .where('cache_key', '=', where.key)
    .where('lease_holder', '=', where.holder)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Remembers why the last refresh failed (an explanation code and headline, never a secret) and releases the lease. */
export async function recordRefreshFailure(
  db: Db,
  where: TokenCacheKey & { holder: string; now: Date; code: string; message: string },
): Promise<void> {
  await db
    .updateTable('token_cache')
    .set({
      failed_at: where.now.toISOString(),
      failure_code: where.code,
      failure_message: where.message.slice(0, 200),
      lease_holder: null,
      lease_expires_at: null,
    })
    .where('team_id', '=', where.teamId)
    .where('cache_key', '=', where.key)
    .where('lease_holder', '=', where.holder)
    .execute();
}

/**
 * Marks the cached token expired, but only while it is still `sealed` (the value the caller read and sent): when
 * another process has refreshed meanwhile, its newer token stays. True when this call expired it.
 */
export async function expireCachedToken(db: Db, where: TokenCacheKey & { sealed: string; now: Date }) {
  const result = await db
    .updateTable('token_cache')
    .set({ expires_at: where.now.toISOString() })
    .where('team_id', '=', where.teamId)
    .where('cache_key', '=', where.key)
    .where('value', '=', where.sealed)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Drops a provider's cached tokens (its credentials changed or it was removed). */
export async function forgetProviderTokens(db: Db, teamId: string, providerId: string): Promise<void> {
  await db
    .deleteFrom('token_cache')
    .where('team_id', '=', teamId)
    .where('cache_key', 'in', [providerTokenKey('authorizer', providerId), providerTokenKey('central', providerId)])
    .execute();
}

/** The team's cache rows without their sealed values (for `/quota status`), keyed by cache key. */
export async function listCachedTokenTimes(db: Db, teamId: string) {
  const rows = await db
    .selectFrom('token_cache')
    .select(['cache_key', 'expires_at', 'refreshed_at', 'failed_at', 'failure_code', 'failure_message'])
    .where('team_id', '=', teamId)
    .execute();
  return new Map(rows.map((row) => [row.cache_key, row]));
}
