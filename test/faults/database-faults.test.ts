import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function answerOf(t: TestBot, id: string): Promise<string> {
  const ack: SlackPost = await t.command('Acme', { responseId: id });
  expect(ack.status).toBe(200);
  const text = JSON.stringify(ack.json);
  if (!text.toLowerCase().includes('checking')) return text;
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

describe('SQLite locked by another process holding a write transaction [sqlite]', () => {
  let t: TestBot;
  let holder: ChildProcess | null = null;
  beforeEach(async () => {
    t = await startTestBot({ env: { QUOTA_CACHE_TTL_SECONDS: '0' } });
    await t.addProvider('Acme', TOKEN);
    t.wechat.setQuota(TOKEN, QUOTA);
  });
  afterEach(async () => {
    holder?.kill('SIGKILL');
    holder = null;
    await t.close();
  });

  // Readers are not blocked in WAL mode, so /readyz stays 200 and the user still gets the numbers; only the snapshot
  // write gives up after busy_timeout (5 s) and is logged. NB: better-sqlite3 waits synchronously, so those 5 s block
  // the event loop (see the README's Guarantees).
  it('the user still gets the numbers while another process holds the write lock; writes resume after', async () => {
    const file = t.bot.config.database.kind === 'sqlite' ? t.bot.config.database.path : '';
    const proc = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
         db.exec('begin immediate'); db.exec("update providers set name = name");
         process.stdout.write('locked\\n');
         process.stdin.on('data', () => { db.exec('commit'); process.stdout.write('released\\n'); process.exit(0); });`,
      ],
      { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    holder = proc;
    let out = '';
    proc.stdout?.on('data', (d) => (out += d));
    await eventually(async () => out.includes('locked'));

    expect(await readyz(t)).toBe(200);
    expect(await answerOf(t, 'locked')).toContain('8 of 27');
    expect(t.logs.some((l) => l.includes('could not record quota snapshot'))).toBe(true);
    const snapshotsBefore = await t.bot.database.db.selectFrom('quota_snapshots').select('id').execute();

    proc.stdin?.write('go\n');
    await eventually(async () => out.includes('released'));
    expect(await readyz(t)).toBe(200);
    await eventually(async () => (await answerOf(t, `after-${Date.now()}`)).includes('8 of 27'), 12_000);
    const snapshotsAfter = await t.bot.database.db.selectFrom('quota_snapshots').select('id').execute();
    expect(snapshotsAfter.length).toBeGreaterThan(snapshotsBefore.length);
  }, 30_000);
});
