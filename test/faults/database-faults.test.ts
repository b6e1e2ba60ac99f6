import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_ADMIN_USER_ID, FAKE_BOT_USER_ID } from '../fakes/fake-slack.js';
import { TEST_POSTGRES_URL } from '../helpers/databases.js';
import type { SlackPost } from '../helpers/slack-requests.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

// The database goes away under a running bot: /readyz says 503, users get a plain answer, and once the database is
// back the bot recovers by itself, without a restart.

const TOKEN = 'wx-token-db-faults';
const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };

/** A TCP forwarder in front of PostgreSQL that can be taken down (connections refused) and brought back. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const up = async () => {
    if (server) return;
    const s = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', resolve);
    });
    port = (s.address() as { port: number }).port;
    server = s;
  };
  const down = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await up();
  return { port: () => port, up, down };
}

async function readyz(t: TestBot): Promise<number> {
  const res = await request(`${t.baseUrl}/readyz`);
  await res.body.dump();
  return res.statusCode;
}

async function answerOf(t: TestBot, id: string, text = 'Acme', userId?: string): Promise<string> {
  const ack: SlackPost = await t.command(text, { responseId: id, ...(userId ? { userId } : {}) });
  expect(ack.status).toBe(200);
  const acked = JSON.stringify(ack.json);
  // Only the placeholder defers the answer; an answer may itself say "while checking this provider".
  if (!/:hourglass_flowing_sand: (Checking WeChat|Working on it)/.test(acked)) return acked;
  await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id), 14_000);
  return JSON.stringify(t.slack.responses.find((r) => r.id === id)?.body);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(TEST_POSTGRES_URL === undefined)('PostgreSQL unreachable under a running bot [postgres]', () => {
  let admin: pg.Client;
  let schema: string;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let t: TestBot;

  beforeEach(async () => {
    const url = new URL(TEST_POSTGRES_URL ?? '');
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    schema = `faults_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`create schema "${schema}"`);
    proxy = await startProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url.toString());
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port());
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    t = await startTestBot({ env: { DATABASE_URL: viaProxy.toString(), QUOTA_CACHE_TTL_SECONDS: '0' } });
    await t.addProvider('Acme', TOKEN);
    t.wechat.setQuota(TOKEN, QUOTA);
  });
  afterEach(async () => {
    await proxy.up();
    await t?.close();
    await proxy.down();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  it('readyz 503 and a plain answer while it is down; recovery without a restart once it is back', async () => {
    expect(await readyz(t)).toBe(200);
    expect(await answerOf(t, 'before')).toContain('8 of 27');

    await proxy.down();
    await eventually(async () => (await readyz(t)) === 503);
    const during = await answerOf(t, 'during');
    expect(during).not.toContain('8 of 27');
    expect(during).toContain('Try again in a few minutes');
    expect(during).not.toMatch(/ECONNREFUSED|terminated|stack|postgres:/i);

    await proxy.up();
    await eventually(async () => (await readyz(t)) === 200);
    // Give the provider list cache (2 s) time to expire and prove the bot works again, no restart.
    await eventually(async () => (await answerOf(t, `after-${Date.now()}`)).includes('8 of 27'), 12_000);
  }, 30_000);
});

/** Another process that takes SQLite's write lock (BEGIN IMMEDIATE plus a write) and holds it. */
async function holdWriteLock(file: string, options: { releaseAfterMs?: number } = {}) {
  const proc = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
       db.exec('begin immediate'); db.exec("update providers set name = name");
       process.stdout.write('locked\\n');
       const release = () => { db.exec('commit'); process.stdout.write('released\\n'); process.exit(0); };
       ${options.releaseAfterMs === undefined ? '' : `setTimeout(release, ${options.releaseAfterMs});`}
       process.stdin.on('data', release);`,
    ],
    { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  await eventually(async () => out.includes('locked'));
  return {
    proc,
    released: () => out.includes('released'),
    release: async () => {
      proc.stdin?.write('go\n');
      await eventually(async () => out.includes('released'));
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const sqlitePath = (t: TestBot) => (t.bot.config.database.kind === 'sqlite' ? t.bot.config.database.path : '');
const mentionPosts = (t: TestBot) => t.slack.calls.filter((c) => c.method === 'chat.postMessage');

describe('SQLite locked by another process holding a write transaction [sqlite]', () => {
  let t: TestBot;
  let holder: ChildProcess | null = null;
  afterEach(async () => {
    holder?.kill('SIGKILL');
    holder = null;
    await t.close();
  });

  // Readers are not blocked in WAL mode, so /readyz stays 200 and the user gets the numbers at once; the snapshot
  // write keeps retrying (asynchronously) for 5 s, then gives up with "database busy" and is logged.
  it('the user still gets the numbers while another process holds the write lock; writes resume after', async () => {
    t = await startTestBot({ env: { QUOTA_CACHE_TTL_SECONDS: '0' } });
    await t.addProvider('Acme', TOKEN);
    t.wechat.setQuota(TOKEN, QUOTA);
    const lock = await holdWriteLock(sqlitePath(t));
    holder = lock.proc;

    expect(await readyz(t)).toBe(200);
    const answered = performance.now();
    expect(await answerOf(t, 'locked')).toContain('8 of 27');
    // The answer does not wait for the history write (which is retried for 5 s, then logged as busy).
    expect(performance.now() - answered).toBeLessThan(3000);
    await eventually(async () => t.logs.some((l) => l.includes('could not record quota snapshot')), 12_000);
    const busy = t.logs.find((l) => l.includes('could not record quota snapshot'));
    expect(busy).toContain('DATABASE_BUSY');
    const snapshotsBefore = await t.bot.database.db.selectFrom('quota_snapshots').select('id').execute();

    await lock.release();
    expect(await readyz(t)).toBe(200);
    await eventually(async () => (await answerOf(t, `after-${Date.now()}`)).includes('8 of 27'), 12_000);
    const snapshotsAfter = await t.bot.database.db.selectFrom('quota_snapshots').select('id').execute();
    expect(snapshotsAfter.length).toBeGreaterThan(snapshotsBefore.length);
  }, 30_000);

  // better-sqlite3 is synchronous: SQLite's own busy wait would freeze the whole process. It now waits 10 ms at most
  // per attempt and retries asynchronously, so health checks and acks are served while a write waits for the lock.
  it('a 3 s lock stalls nothing: /healthz at once, a warm /quota acked with the numbers, a mention answered after', async () => {
    t = await startTestBot();
    await t.addProvider('Acme', TOKEN);
    t.wechat.setQuota(TOKEN, QUOTA);
    expect(await answerOf(t, 'warm-up')).toContain('8 of 27'); // the cache (60 s) is warm from here on

    const lock = await holdWriteLock(sqlitePath(t), { releaseAfterMs: 3000 });
    holder = lock.proc;
    const lockedAt = performance.now();
    // The mention's event_id claim is a write: it waits for the lock, retrying in the background.
    const mention = await timed(() => t.mention(`<@${FAKE_BOT_USER_ID}> quota`, { eventId: 'EvLocked1' }));
    expect(mention.value.status).toBe(200);

    for (let i = 0; i < 5; i += 1) {
      const health = await timed(() => request(`${t.baseUrl}/healthz`).then((r) => r.body.dump().then(() => r)));
      expect(health.value.statusCode).toBe(200);
      expect(health.ms).toBeLessThan(500);
      const ack = await timed(() => t.command('', { responseId: `locked-${i}` }));
      expect(ack.value.status).toBe(200);
      expect(ack.ms).toBeLessThan(3000);
      expect(JSON.stringify(ack.value.json)).toContain('8 of 27');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await readyz(t)).toBe(200);
    expect(lock.released()).toBe(false); // all of the above happened while the lock was held
    expect(performance.now() - lockedAt).toBeLessThan(3000);
    expect(mentionPosts(t)).toHaveLength(0);

    // Once the other process commits, the waiting claim goes through and the mention is answered, once.
    await t.slack.waitFor(() => mentionPosts(t).length === 1, 8000);
    expect(lock.released()).toBe(true);
    expect(JSON.stringify(mentionPosts(t)[0]?.args)).toContain('8 of 27');
  }, 30_000);

  // A configuration change is a write: held past the 5 s budget it fails, and the admin is told why in plain words.
  it('a write that outlasts the wait is answered with "database busy", and works once the lock is gone', async () => {
    t = await startTestBot();
    await t.addProvider('Acme', TOKEN);
    const lock = await holdWriteLock(sqlitePath(t));
    holder = lock.proc;

    const busy = await answerOf(t, 'alert-locked', 'alert 5', FAKE_ADMIN_USER_ID);
    expect(busy).toContain('database is busy');
    expect(busy).toContain('nothing was changed');
    expect(busy).not.toMatch(/SQLITE|stack|locked by/i);
    expect(await t.bot.database.db.selectFrom('quota_alerts').select('id').execute()).toHaveLength(0);

    await lock.release();
    expect(await answerOf(t, 'alert-after', 'alert 5', FAKE_ADMIN_USER_ID)).toContain('will be warned');
    expect(await t.bot.database.db.selectFrom('quota_alerts').select('id').execute()).toHaveLength(1);
  }, 30_000);
});
