import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/crypto/secret-box.js';
import { createLogger } from '../../src/logging/logger.js';
import { createQuotaService } from '../../src/quota/quota-service.js';
import type { Provider, Quota } from '../../src/quota/types.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { saveProvider } from '../../src/store/providers.js';
import { listSnapshots } from '../../src/store/snapshots.js';
import { createStoredTokenSource } from '../../src/tokens/access-token-source.js';
import { TokenExpiredError } from '../../src/tokens/errors.js';
import type { WeChatClient } from '../../src/wechat/client.js';
import { WeChatApiError } from '../../src/wechat/errors.js';

/** A WeChat client whose answers the test releases by hand, counting calls per token. */
function controllableWeChat() {
  const calls: string[] = [];
  const waiting: Array<{ token: string; resolve: (q: Quota) => void; reject: (e: unknown) => void }> = [];
  const client: WeChatClient = {
    queryQuota(token) {
      calls.push(token);
      return new Promise((resolve, reject) => waiting.push({ token, resolve, reject }));
    },
    async close() {},
  };
  return { client, calls, waiting };
}

const QUOTA: Quota = { rest: 8, limit: 27, speedupRest: 1, speedupLimit: 3 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('quota service', () => {
  let database: Database;
  let now: number;
  const clock = () => new Date(now);
  const box = createSecretBox(Buffer.alloc(32, 1));
  const logger = createLogger({ level: 'silent' });

  beforeEach(async () => {
    database = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(database.db);
    now = Date.parse('2026-11-26T10:00:00Z');
  });
  afterEach(async () => {
    await database.close();
  });

  async function provider(name: string, token: string, tokenExpiresAt: Date | null = null): Promise<Provider> {
    const saved = await saveProvider(database.db, box, {
      teamId: 'T0TEAM001',
      name,
      credentials: { kind: 'static', token },
      tokenExpiresAt,
      now: clock(),
    });
    return saved.provider;
  }

  function service(wechat: WeChatClient, cacheTtlMs = 60_000) {
    return createQuotaService({
      db: database.db,
      wechat,
      tokens: createStoredTokenSource({ db: database.db, box, clock }),
      clock,
      cacheTtlMs,
      logger,
    });
  }

  it('makes one WeChat call for many concurrent requests of the same provider', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client);
    const acme = await provider('Acme', 'tok-acme');

    const readers = Array.from({ length: 50 }, () => quota.read(acme));
    await settle();
    expect(wechat.calls).toEqual(['tok-acme']);
    wechat.waiting[0]?.resolve(QUOTA);

    const results = await Promise.all(readers);
    expect(results.every((r) => r.reading.rest === 8)).toBe(true);
    expect(wechat.calls).toHaveLength(1);
  });

  it('reuses a reading for the TTL, then asks WeChat again; `fresh` skips the cache', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client, 60_000);
    const acme = await provider('Acme', 'tok-acme');
    const answerNext = async <T>(p: Promise<T>) => {
      await settle();
      wechat.waiting.at(-1)?.resolve(QUOTA);
      return p;
    };

    expect((await answerNext(quota.read(acme))).fromCache).toBe(false);
    now += 47_000;
    expect((await quota.read(acme)).fromCache).toBe(true);
    expect(wechat.calls).toHaveLength(1);
    now += 14_000;
    expect((await answerNext(quota.read(acme))).fromCache).toBe(false);
    expect((await answerNext(quota.read(acme, { fresh: true }))).fromCache).toBe(false);
    expect(wechat.calls).toHaveLength(3);
  });

  it('in the last fifth of the TTL serves the reading at once and refreshes it in the background, once', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client, 60_000);
    const acme = await provider('Acme', 'tok-acme');
    const first = quota.read(acme);
    await settle();
    wechat.waiting.at(-1)?.resolve(QUOTA);
    await first;

    now += 50_000;
    // Served from the cache without waiting, while one background call replaces it (not one per read).
    const [a, b] = await Promise.all([quota.read(acme), quota.read(acme)]);
    expect([a.fromCache, b.fromCache]).toEqual([true, true]);
    await settle();
    expect(wechat.calls).toHaveLength(2);
    wechat.waiting.at(-1)?.resolve({ ...QUOTA, rest: QUOTA.rest - 1 });
    await settle();

    // The refreshed reading is the one served now, and it lives a full TTL from its own check.
    now += 15_000;
    const later = await quota.read(acme);
    expect(later.fromCache).toBe(true);
    expect(later.reading.rest).toBe(QUOTA.rest - 1);
    expect(wechat.calls).toHaveLength(2);
  });

  it('reads the provider list once per TTL per team, and again at once after invalidate()', async () => {
    const quota = createQuotaService({
      db: database.db,
      wechat: controllableWeChat().client,
      tokens: createStoredTokenSource({ db: database.db, box, clock }),
      clock,
      cacheTtlMs: 60_000,
      logger,
      providerListTtlMs: 60_000,
    });
    expect(await quota.providers('T0TEAM001')).toEqual([]);
    const acme = await provider('Acme', 'tok-acme');
    // Written behind the service's back (as another process would): the cached list stands until the TTL.
    expect(await quota.providers('T0TEAM001')).toEqual([]);
    quota.invalidate();
    expect(await quota.providers('T0TEAM001')).toEqual([acme]);
    expect(await quota.providers('T0OTHER01')).toEqual([]);

    const another = service(controllableWeChat().client);
    expect(await another.providers('T0TEAM001')).toEqual([acme]);
  });

  it('records a snapshot of every reading fetched from WeChat, stamped with the clock', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client);
    const acme = await provider('Acme', 'tok-acme');
    const pending = quota.read(acme);
    await settle();
    wechat.waiting[0]?.resolve(QUOTA);
    await pending;
    await quota.read(acme);

    const snapshots = await listSnapshots(database.db, 'T0TEAM001', acme.id);
    expect(snapshots).toEqual([{ ...QUOTA, checkedAt: new Date(now) }]);
  });

  it('does not serve the old token’s answer once the provider’s token is replaced', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client);
    const first = await provider('Acme', 'tok-old');
    const pending = quota.read(first);
    await settle();
    wechat.waiting[0]?.resolve(QUOTA);
    await pending;

    now += 1000;
    const replaced = await provider('Acme', 'tok-new');
    const again = quota.read(replaced);
    await settle();
    expect(wechat.calls).toEqual(['tok-old', 'tok-new']);
    wechat.waiting[1]?.resolve({ ...QUOTA, rest: 7 });
    expect((await again).reading.rest).toBe(7);
  });

  it('reports each provider’s own failure without hiding the others, and does not cache failures', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client);
    const good = await provider('Good', 'tok-good');
    const bad = await provider('Bad', 'tok-bad');
    const all = quota.readAll([good, bad]);
    await settle();
    for (const w of wechat.waiting) {
      if (w.token === 'tok-good') w.resolve(QUOTA);
      else w.reject(new WeChatApiError(48001, 'api unauthorized', 'permission_missing'));
    }
    const outcomes = await all;
    expect(outcomes.map((o) => [o.provider.name, o.ok])).toEqual([
      ['Good', true],
      ['Bad', false],
    ]);
    const retry = quota.read(bad);
    await settle();
    expect(wechat.calls.filter((t) => t === 'tok-bad')).toHaveLength(2);
    wechat.waiting.at(-1)?.resolve(QUOTA);
    await retry;
  });

  it('refuses an expired static token without calling WeChat', async () => {
    const wechat = controllableWeChat();
    const quota = service(wechat.client);
    const acme = await provider('Acme', 'tok-acme', new Date(now + 1000));
    now += 1000;
    await expect(quota.read(acme)).rejects.toBeInstanceOf(TokenExpiredError);
    expect(wechat.calls).toHaveLength(0);
  });
});
