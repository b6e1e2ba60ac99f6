import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/database.js';
import { FifoMutex } from '../../src/store/fifo-mutex.js';

describe('FifoMutex', () => {
  it('hands the lock over in arrival order, and a newcomer at release time queues behind the waiters', async () => {
    const mutex = new FifoMutex();
    const order: string[] = [];
    await mutex.lock();
    const waiters = ['a', 'b', 'c'].map((name) => mutex.lock().then(() => order.push(name)));
    expect(mutex.waiting).toBe(3);
    mutex.unlock();
    // Arrives in the very tick of the release: with Kysely's mutex it would take the lock before "a".
    const newcomer = mutex.lock().then(() => order.push('newcomer'));
    await waiters[0];
    for (let i = 0; i < 3; i += 1) {
      mutex.unlock();
      await sleep(0);
    }
    await Promise.all([...waiters, newcomer]);
    expect(order).toEqual(['a', 'b', 'c', 'newcomer']);
    mutex.unlock();
    expect(mutex.waiting).toBe(0);
    expect(() => mutex.unlock()).toThrow(/without a matching lock/);
  });
});

describe('SQLite connection shared in FIFO order [sqlite]', () => {
  let root: string;
  let database: Database;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'quota-bot-fifo-'));
    database = openDatabase({ kind: 'sqlite', path: path.join(root, 'bot.db') });
    await sql`create table counter (n integer not null)`.execute(database.db);
    await sql`insert into counter (n) values (0)`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('200 concurrent queries complete in the order they were issued, newcomers after them (no starvation)', async () => {
    const done: number[] = [];
    const query = (i: number) => sql`select ${i} as i`.execute(database.db).then(() => done.push(i));
    const spawned: Promise<unknown>[] = [];
    const first = Array.from({ length: 200 }, (_, i) =>
      // Each completion issues a new query at once: a constant stream of newcomers competing with the queue.
      query(i).then(() => spawned.push(query(1000 + i))),
    );
    await Promise.all(first);
    await Promise.all(spawned);
    expect(done.slice(0, 200)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(done.slice(200)).toEqual(Array.from({ length: 200 }, (_, i) => 1000 + i));
  });

  it('a transaction holds the connection: 50 concurrent read-modify-write transactions lose no update', async () => {
    const increments = Array.from({ length: 50 }, () =>
      database.db.transaction().execute(async (trx) => {
        const { n } = (await sql<{ n: number }>`select n from counter`.execute(trx)).rows[0] ?? { n: -1 };
        await sleep(1); // anyone else's query would interleave here if the transaction let go of the connection
        await sql`update counter set n = ${n + 1}`.execute(trx);
      }),
    );
    await Promise.all(increments);
    expect((await sql<{ n: number }>`select n from counter`.execute(database.db)).rows[0]?.n).toBe(50);
  });

  it('a failing transaction rolls back and releases the connection for the next in line', async () => {
    const failing = database.db.transaction().execute(async (trx) => {
      await sql`update counter set n = 99`.execute(trx);
      throw new Error('boom');
    });
    const after = sql<{ n: number }>`select n from counter`.execute(database.db);
    await expect(failing).rejects.toThrow('boom');
    expect((await after).rows[0]?.n).toBe(0);
  });
});
