import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox, type SecretBox } from '../../src/crypto/secret-box.js';
import { storeTicket } from '../../src/store/component-tickets.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { findProvider, readCredentials, saveProvider } from '../../src/store/providers.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';

// kill -9 while a process refreshes a component token under the lease (WeChat's token endpoint is slow). The next
// process recovers once the short lease has run out, and the refresh token WeChat rotated is stored, never lost.

const root = path.resolve(import.meta.dirname, '..', '..');
const child = path.join(import.meta.dirname, 'fixtures', 'token-child.ts');
const TEAM = 'T0CRASH02';
const APP = 'wxc0c0c0c0c0c0c0c0';
const AUTHORIZER = 'wxa1a1a1a1a1a1a1a1';
const LEASE_MS = 2000;

describe('kill -9 during a token refresh', () => {
  let dir: string;
  let wechat: FakeWeChat;
  let env: Record<string, string>;
  let box: SecretBox;
  let dbPath: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-crash-token-'));
    wechat = await startFakeWeChat();
    const platform = wechat.component;
    platform.addComponent(APP, 'component-secret-crash');
    platform.addAuthorizer(AUTHORIZER, {
      refreshToken: 'refresh-0',
      quota: { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 },
    });
    platform.rotateRefreshTokens(true);
    platform.setTicket(APP, 'ticket@@@crash');
    const key = randomBytes(32);
    box = createSecretBox(key);
    dbPath = path.join(dir, 'quota-bot.db');
    const database = openDatabase({ kind: 'sqlite', path: dbPath });
    await migrateToLatest(database.db);
    await saveProvider(database.db, box, {
      teamId: TEAM,
      name: 'Acme',
      credentials: {
        kind: 'component',
        componentAppId: APP,
        componentSecret: 'component-secret-crash',
        authorizerAppId: AUTHORIZER,
        refreshToken: 'refresh-0',
        callbackToken: 'crashPushToken1',
        encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF1',
      },
      tokenExpiresAt: null,
      now: new Date(),
    });
    const now = new Date();
    await storeTicket(database.db, box, {
      teamId: TEAM,
      componentAppId: APP,
      ticket: 'ticket@@@crash',
      pushedAt: now,
      receivedAt: now,
    });
    await database.close();
    env = {
      PATH: process.env.PATH ?? '',
      CRASH_DB_PATH: dbPath,
      CRASH_KEY: key.toString('base64'),
      CRASH_WECHAT_URL: wechat.url,
      CRASH_LEASE_MS: String(LEASE_MS),
      CRASH_TEAM: TEAM,
    };
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await wechat.close();
    await rm(dir, { recursive: true, force: true });
  });

  function run(): { proc: ChildProcess; done: Promise<string> } {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { env, cwd: root });
    children.push(proc);
    let out = '';
    proc.stdout?.on('data', (d) => (out += d));
    proc.stderr?.on('data', (d) => (out += d));
    return { proc, done: new Promise((resolve) => proc.on('close', () => resolve(out))) };
  }

  async function storedRefreshToken(): Promise<string> {
    const database = openDatabase({ kind: 'sqlite', path: dbPath });
    try {
      const provider = await findProvider(database.db, TEAM, 'Acme');
      if (provider === null) throw new Error('provider vanished');
      const credentials = await readCredentials(database.db, box, provider);
      return credentials.kind === 'component' ? credentials.refreshToken : '';
    } finally {
      await database.close();
    }
  }

  it('the next process refreshes after the lease; the rotated refresh token is stored', async () => {
    const platform = wechat.component;
    platform.setTokenLatency(10_000);
    const first = run();
    // The refresh is under way (lease taken, WeChat's component endpoint holding the answer): kill it.
    const deadline = Date.now() + 15_000;
    while (!wechat.calls.some((c) => c.path === '/cgi-bin/component/api_component_token')) {
      if (Date.now() > deadline) throw new Error('the first process never asked for a component token');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.proc.kill('SIGKILL');
    expect(await first.done).not.toContain('TOKEN');
    platform.setTokenLatency(0);

    // Retried until it works: a process that still sees the dead holder's lease may give up; after it, one refreshes.
    let outcome = '';
    const recoverBy = Date.now() + LEASE_MS + 15_000;
    while (!outcome.includes('TOKEN ok')) {
      if (Date.now() > recoverBy) throw new Error(`no process recovered the refresh: ${outcome}`);
      outcome = await run().done;
    }
    expect(platform.counts.authorizer).toBeGreaterThanOrEqual(1);
    // WeChat rotated the refresh token; the bot stored the new one before using the access token.
    const current = platform.refreshTokenOf(AUTHORIZER);
    expect(current).not.toBe('refresh-0');
    expect(await storedRefreshToken()).toBe(current);
  }, 30_000);
});
