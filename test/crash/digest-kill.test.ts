import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSecretBox } from '../../src/crypto/secret-box.js';
import { saveProvider } from '../../src/store/providers.js';
import { saveSubscription } from '../../src/store/subscriptions.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { describeEachDatabase } from '../helpers/databases.js';

// kill -9 in the middle of a digest run: Slack holds one channel's post, the process dies with it in flight. The next
// run (after the short lease) delivers it; every other channel got its digest exactly once; a third run posts nothing.
// Same on SQLite and on PostgreSQL (each test its own file or schema).

const root = path.resolve(import.meta.dirname, '..', '..');
const child = path.join(import.meta.dirname, 'fixtures', 'digest-child.ts');
const TEAM = 'T0CRASH01';
const CHANNELS = ['C0CRASH1', 'C0CRASH2', 'C0CRASH3', 'C0CRASH4', 'C0CRASH5', 'C0CRASH6'];
const HELD = 'C0CRASH3';
const AT = '2026-11-30T09:00:30Z'; // Monday 09:00 UTC, the slot of every subscription
const LEASE_MS = 2000;

describeEachDatabase('kill -9 during a digest run', (ctx) => {
  let slack: FakeSlack;
  let wechat: FakeWeChat;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    slack = await startFakeSlack();
    wechat = await startFakeWeChat();
    const key = randomBytes(32);
    const { database } = ctx;
    await saveProvider(database.db, createSecretBox(key), {
      teamId: TEAM,
      name: 'Acme',
      credentials: { kind: 'static', token: 'wx-crash-digest' },
      tokenExpiresAt: null,
      now: new Date('2026-11-29T00:00:00Z'),
    });
    for (const channelId of CHANNELS) {
      await saveSubscription(database.db, {
        teamId: TEAM,
        channelId,
        schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'UTC' },
        subscribedBy: null,
        now: new Date('2026-11-29T00:00:00Z'),
      });
    }
    wechat.setQuota('wx-crash-digest', { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 });
    env = {
      PATH: process.env.PATH ?? '',
      CRASH_DB: JSON.stringify(ctx.target),
      CRASH_KEY: key.toString('base64'),
      CRASH_SLACK_URL: slack.apiUrl,
      CRASH_WECHAT_URL: wechat.url,
      CRASH_LEASE_MS: String(LEASE_MS),
      CRASH_AT: AT,
    };
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await Promise.all([slack.close(), wechat.close()]);
  });

  function start(): { proc: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { env, cwd: root });
    children.push(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (d) => (stdout += d));
    proc.stderr?.on('data', (d) => (stderr += d));
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      proc.on('close', (code) => resolve({ code, stdout, stderr })),
    );
    return { proc, done };
  }

  const postsTo = (channel: string) => slack.posts().filter((c) => c.args.channel === channel).length;
  const attemptsTo = (channel: string) =>
    slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel).length;

  it('every channel gets its digest; only the one in flight is sent again', async () => {
    slack.holdChannel(HELD);
    const first = start();
    // Every other channel's digest accepted, the held one in flight: then the process dies.
    await slack.waitFor(() => attemptsTo(HELD) === 1 && slack.posts().length === CHANNELS.length - 1, 15_000);
    // …and recorded as delivered in the ledger (a post accepted but not yet recorded would count as in flight too).
    const ledger = ctx.database.db;
    const delivered = async () =>
      (await ledger.selectFrom('deliveries').select('status').where('status', '=', 'delivered').execute()).length;
    const deadline = Date.now() + 10_000;
    while ((await delivered()) < CHANNELS.length - 1) {
      if (Date.now() > deadline) throw new Error('the first run did not record its deliveries');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.proc.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.stdout).not.toContain('REPORT');
    slack.holdChannel(null);

    // After the lease, the next run takes the dead process's claim over and posts the held digest.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 500));
    const second = await start().done;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    for (const channel of CHANNELS) expect(postsTo(channel)).toBe(1);
    expect(attemptsTo(HELD)).toBe(2); // the one in flight at the kill, and its redelivery

    // Exactly once from here on: a third run posts nothing.
    const third = await start().done;
    expect(third.code).toBe(0);
    expect(slack.posts()).toHaveLength(CHANNELS.length);
  }, 45_000);
});
