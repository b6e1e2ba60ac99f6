import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { Database } from '../../src/store/database.js';
import { readCachedToken, tryTakeLease } from '../../src/store/token-cache.js';
import { TokenRefreshBusyError } from '../../src/tokens/errors.js';
import { createFreshTokens, type FreshTokenOptions } from '../../src/tokens/fresh-token.js';
import { describeEachDatabase } from '../helpers/databases.js';

const logger = createLogger({ level: 'silent' });
const WHERE = { teamId: 'T0TEAM001', key: 'authorizer:p1' };

describeEachDatabase('fresh tokens (cache, lease, single-flight)', (ctx) => {
  /** A counting refresher: token-1, token-2, … each living `lifetimeMs`, taking `latencyMs` to arrive. */
  function refresher(lifetimeMs = 60_000, latencyMs = 30) {
    let count = 0;
    const refresh = async () => {
      count += 1;
      const token = `token-${count}`;
      await delay(latencyMs);
      return { token, expiresAt: new Date(Date.now() + lifetimeMs) };
    };
    return { refresh, count: () => count };
  }
  const engine = (database: Database, holder: string, options: FreshTokenOptions = {}) =>
    createFreshTokens({
      db: database.db,
      box: ctx.box,
      clock: () => new Date(),
      holder,
      logger,
      pollMs: 10,
      ...options,
    });

  it('many concurrent callers in one process share one refresh, and later callers use the cache', async () => {
    const tokens = engine(ctx.database, 'proc-a');
    const counter = refresher();
    const results = await Promise.all(Array.from({ length: 50 }, () => tokens.get(WHERE, counter.refresh)));
    expect(new Set(results)).toEqual(new Set(['token-1']));
    expect(await tokens.get(WHERE, counter.refresh)).toBe('token-1');
    expect(counter.count()).toBe(1);
  });

  it('two processes (two pools) asking at once refresh once, every time the token runs out', async () => {
    const a = engine(ctx.database, 'proc-a', { refreshAheadMs: 0 });
    const b = engine(ctx.openAnother(), 'proc-b', { refreshAheadMs: 0 });
    const counter = refresher(1500, 50);
    for (let round = 1; round <= 3; round++) {
      const asked = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).get(WHERE, counter.refresh));
      const results = await Promise.all(asked);
      expect(new Set(results)).toEqual(new Set([`token-${round}`]));
      expect(counter.count()).toBe(round);
      await delay(1600);
    }
  });

  it('stores the token sealed (bound to its team and key) and releases the lease', async () => {
    const tokens = engine(ctx.database, 'proc-a');
    await tokens.get(WHERE, refresher().refresh);
    const row = await readCachedToken(ctx.database.db, WHERE);
    expect(row?.value).not.toContain('token-1');
    expect(ctx.box.open(row?.value ?? '', `token-cache:${WHERE.teamId}:${WHERE.key}`)).toBe('token-1');
    expect(row).toMatchObject({ lease_holder: null, lease_expires_at: null, failed_at: null });
    // Another team's key with the same name is another row.
    expect(await readCachedToken(ctx.database.db, { ...WHERE, teamId: 'T0OTHER01' })).toBeUndefined();
  });

  it('refreshes ahead of expiry (a quarter of a short lifetime), not only once expired', async () => {
    const tokens = engine(ctx.database, 'proc-a');
    const counter = refresher(800, 1);
    expect(await tokens.get(WHERE, counter.refresh)).toBe('token-1');
    await delay(650); // inside the last quarter, still valid
    expect(await tokens.get(WHERE, counter.refresh)).toBe('token-2');
  });

  it('expires the cached token only while it is the one that was rejected', async () => {
    const tokens = engine(ctx.database, 'proc-a');
    const counter = refresher();
    await tokens.get(WHERE, counter.refresh);
    expect(await tokens.expireIfCurrent(WHERE, 'token-0-older')).toBe(false);
    expect(await tokens.get(WHERE, counter.refresh)).toBe('token-1');
    expect(await tokens.expireIfCurrent(WHERE, 'token-1')).toBe(true);
    expect(await tokens.get(WHERE, counter.refresh)).toBe('token-2');
    expect(counter.count()).toBe(2);
  });

  it('while another process holds the lease, a still-valid token is used and an expired one is waited for', async () => {
    const a = engine(ctx.database, 'proc-a', { refreshAheadMs: 60_000 });
    const b = engine(ctx.openAnother(), 'proc-b', { refreshAheadMs: 60_000, waitMs: 150 });
    await a.get(WHERE, refresher(30_000).refresh); // valid, but inside B's refresh-ahead window
    expect(await tryTakeLease(ctx.database.db, { ...WHERE, holder: 'someone', now: new Date(), ttlMs: 60_000 })).toBe(
      true,
    );
    const counter = refresher();
    expect(await b.get(WHERE, counter.refresh)).toBe('token-1');
    expect(await a.expireIfCurrent(WHERE, 'token-1')).toBe(true);
    await expect(b.get(WHERE, counter.refresh)).rejects.toBeInstanceOf(TokenRefreshBusyError);
    expect(counter.count()).toBe(0);
  });

  it('takes over the lease of a process that died mid-refresh once the lease runs out', async () => {
    const now = new Date();
    expect(await tryTakeLease(ctx.database.db, { ...WHERE, holder: 'dead', now, ttlMs: 100 })).toBe(true);
    const tokens = engine(ctx.database, 'proc-a', { waitMs: 2000 });
    const counter = refresher();
    expect(await tokens.get(WHERE, counter.refresh)).toBe('token-1');
    expect(counter.count()).toBe(1);
  });

  it('records a failed refresh (code and headline, no secret), releases the lease and tries again next time', async () => {
    const tokens = engine(ctx.database, 'proc-a');
    const failing = async () => {
      throw new Error('secret-canary in an unexpected error');
    };
    await expect(tokens.get(WHERE, failing)).rejects.toThrow('secret-canary');
    const row = await readCachedToken(ctx.database.db, WHERE);
    expect(row).toMatchObject({ failure_code: 'INTERNAL', lease_holder: null });
    expect(JSON.stringify(row)).not.toContain('canary');
    expect(await tokens.get(WHERE, refresher().refresh)).toBe('token-1');
    expect(await readCachedToken(ctx.database.db, WHERE)).toMatchObject({ failed_at: null, failure_code: null });
  });
});
