import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainFailure } from '../../src/quota/explain-failure.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { DatabaseBusyError } from '../../src/store/errors.js';

// Another connection (as another process would) holds SQLite's write lock. The bot's writes wait for it
// asynchronously: the event loop keeps turning, reads go on, and a lock held too long ends in a clear error.

/** The longest pause between timer ticks while `work` runs: what every other request of the process would feel. */
async function maxEventLoopGap<T>(work: Promise<T>): Promise<{ result: T; gapMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 2);
  try {
    return { result: await work, gapMs };
  } finally {
    clearInterval(timer);
  }
}

describe('SQLite write lock held by another connection [sqlite]', () => {
  let root: string;
  let file: string;
  let database: Database;
  let holder: SQLite.Database;

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'quota-bot-busy-'));
    file = path.join(root, 'bot.db');
    database = openDatabase(
      { kind: 'sqlite', path: file },
      { busyRetry: { budgetMs: 2000, firstDelayMs: 5, maxDelayMs: 50 } },
    );
    await sql`create table t (x integer)`.execute(database.db);
    holder = new SQLite(file, { timeout: 0 });
    holder.exec('begin immediate');
    holder.exec('insert into t (x) values (0)');
  });
  afterEach(async () => {
    if (holder.inTransaction) holder.exec('rollback');
    holder.close();
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  const rows = async () => (await sql<{ x: number }>`select x from t order by x`.execute(database.db)).rows;

  it('a write waits for the lock without freezing the event loop, and lands once the lock is released', async () => {
    setTimeout(() => holder.exec('commit'), 1000);
    const started = performance.now();
    const { gapMs } = await maxEventLoopGap(sql`insert into t (x) values (1)`.execute(database.db));
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    // SQLite's own busy wait is 10 ms per attempt; the old 5 s busy_timeout froze the loop for the whole second.
    // (Loose: on a busy machine the OS alone can pause the process for a while.)
    expect(gapMs).toBeLessThan(400);
    expect(await rows()).toEqual([{ x: 0 }, { x: 1 }]);
  });

  it('reads answer at once while a write waits for the lock (WAL readers are not blocked)', async () => {
    const write = sql`insert into t (x) values (1)`.execute(database.db);
    const started = performance.now();
    await database.ping();
    expect(await rows()).toEqual([]); // the holder's row is not committed yet
    expect(performance.now() - started).toBeLessThan(300);
    holder.exec('commit');
    await write;
    expect(await rows()).toEqual([{ x: 0 }, { x: 1 }]);
  });

  it('a lock held past the budget fails the write with DatabaseBusyError and writes nothing', async () => {
    const started = performance.now();
    const error = await sql`insert into t (x) values (1)`.execute(database.db).catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect((error as DatabaseBusyError).code).toBe('DATABASE_BUSY');
    expect((error as Error).message).toMatch(/database is busy/i);
    expect(waited).toBeGreaterThan(1500);
    expect(waited).toBeLessThan(3500);
    holder.exec('rollback');
    expect(await rows()).toEqual([]);
    await sql`insert into t (x) values (2)`.execute(database.db); // and the database works again
    expect(await rows()).toEqual([{ x: 2 }]);
  });

  it('a transaction waits for BEGIN IMMEDIATE, lets reads through meanwhile, then commits as one', async () => {
    const transaction = database.db.transaction().execute(async (trx) => {
      const before = (await sql<{ n: number }>`select count(*) as n from t`.execute(trx)).rows[0]?.n ?? -1;
      await sleep(20); // the connection stays ours while the transaction is open
      await sql`insert into t (x) values (${before + 10})`.execute(trx);
      await sql`insert into t (x) values (${before + 20})`.execute(trx);
    });
    await sleep(100);
    const readWhileWaiting = database.ping();
    await expect(readWhileWaiting).resolves.toBeUndefined();
    holder.exec('commit');
    await transaction;
    expect(await rows()).toEqual([{ x: 0 }, { x: 11 }, { x: 21 }]);
  });
});

describe('a write that gave up on the lock, explained', () => {
  it('says in plain words, in the reader’s language, that the database is busy and nothing was changed', () => {
    const error = new DatabaseBusyError(5000, {
      cause: Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    });
    const en = explainFailure(error);
    expect(en).toMatchObject({ code: 'DATABASE_BUSY', headline: 'The bot’s database is busy' });
    expect(en.detail).toContain('Nothing was changed');
    expect(en.action).toContain('Try again in a minute');
    const zh = explainFailure(error, { locale: 'zh-CN' });
    expect(zh.code).toBe('DATABASE_BUSY');
    expect(zh.headline).toBe('机器人的数据库正忙');
    expect(`${en.headline}${en.detail}${en.action}${zh.detail}`).not.toMatch(/SQLITE|locked/i);
  });
});
