import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type QuotaBot } from '../../src/app.js';
import { assertServeConfig, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { saveProvider } from '../../src/store/providers.js';
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import {
  eventsApiEnvelope,
  FAKE_SOCKET_TICKET,
  type FakeSocketMode,
  slashCommandEnvelope,
  startFakeSocketMode,
} from '../fakes/fake-socket-mode.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { runCliCaptured } from '../helpers/run-cli-in-process.js';
import { appMentionEnvelope, slashCommandBody } from '../helpers/slack-requests.js';

const APP_TOKEN = 'xapp-1-A0QUOTABOT-1234-SECRETAPPTOKEN';
const BOT_TOKEN = 'xoxb-test-bot-token-SECRET-4242';
const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };

interface SocketBot {
  bot: QuotaBot;
  slack: FakeSlack;
  wechat: FakeWeChat;
  socket: FakeSocketMode;
  logs: string[];
  baseUrl: string;
}

/** The real app in Socket Mode (no signing secret) against fake Slack, WeChat and Socket Mode servers. */
async function startSocketBot(cleanups: Array<() => Promise<void>>): Promise<SocketBot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-socket-'));
  const [slack, wechat, socket] = await Promise.all([startFakeSlack(), startFakeWeChat(), startFakeSocketMode()]);
  cleanups.push(async () => {
    await Promise.all([slack.close(), wechat.close(), socket.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  slack.setSocketModeUrl(socket.url);
  const logs: string[] = [];
  const config = loadConfig({
    NODE_ENV: 'test',
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    WECHAT_API_BASE_URL: wechat.url,
    DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  assertServeConfig(config);
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => logs.push(line) } });
  const bot = await createApp(config, { logger, digests: { schedule: false } });
  cleanups.unshift(() => bot.stop());
  const { port } = await bot.start(0);
  return { bot, slack, wechat, socket, logs, baseUrl: `http://127.0.0.1:${port}` };
}

/** A port nothing listens on right now (bound and released), for a process that must bind it itself. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function quotaCommand(t: SocketBot, envelopeId: string, text: string) {
  const fields = Object.fromEntries(
    new URLSearchParams(slashCommandBody({ text, teamId: FAKE_TEAM_ID, responseUrl: t.slack.responseUrl(envelopeId) })),
  );
  return slashCommandEnvelope(envelopeId, fields);
}

describe('Socket Mode end to end', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('connects with the app-level token, then answers /quota in the ack of its envelope', async () => {
    const t = await startSocketBot(cleanups);
    await t.socket.connected();
    const open = t.slack.calls.filter((c) => c.method === 'apps.connections.open');
    expect(open.map((c) => c.token)).toEqual([APP_TOKEN]);

    await saveProvider(t.bot.database.db, t.bot.box, {
      teamId: FAKE_TEAM_ID,
      name: 'Acme Mini Programs',
      credentials: { kind: 'static', token: 'wx-token-acme' },
      tokenExpiresAt: null,
      now: new Date(),
    });
    t.wechat.setQuota('wx-token-acme', QUOTA);
    t.socket.send(quotaCommand(t, 'env-cmd-1', ''));

    const ack = await t.socket.ackOf('env-cmd-1');
    const answer = ack.payload as { response_type: string; text: string; blocks: unknown[] };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Acme Mini Programs');
    expect(answer.text).toContain('8 of 27');
    expect(t.slack.responses).toHaveLength(0);
  });

  it('answers an app_mention events_api envelope in the thread, once even when Slack retries it', async () => {
    const t = await startSocketBot(cleanups);
    await t.socket.connected();
    const body = appMentionEnvelope({ eventId: 'EvSock01', teamId: FAKE_TEAM_ID, text: `<@${FAKE_BOT_USER_ID}> help` });

    t.socket.send(eventsApiEnvelope('env-ev-1', body));
    expect((await t.socket.ackOf('env-ev-1')).envelope_id).toBe('env-ev-1');
    await t.slack.waitFor(() => t.slack.posts().length === 1);
    t.socket.send(eventsApiEnvelope('env-ev-2', body, 1));
    await t.socket.ackOf('env-ev-2');

    await new Promise((resolve) => setTimeout(resolve, 200));
    const posts = t.slack.posts();
    expect(posts).toHaveLength(1);
    const post = posts[0]?.args as { channel: string; thread_ts: string; blocks: unknown[] };
    expect(post.channel).toBe('C0CHANNEL1');
    expect(post.thread_ts).toBe('1700000000.000100');
    expect(JSON.stringify(post.blocks)).toContain('/quota');
    expect(posts[0]?.token).toBe(BOT_TOKEN);
  });

  it('reconnects when Slack recycles the connection, and answers on the new one', async () => {
    const t = await startSocketBot(cleanups);
    await t.socket.connected();
    t.socket.requestReconnect();

    // The client waits its reconnect delay (5 s), then asks apps.connections.open for a fresh URL.
    await expect.poll(() => t.socket.connections, { timeout: 10_000, interval: 50 }).toBe(2);
    await t.socket.connected();
    expect(t.socket.closeCodes).toEqual([1000]);
    expect(t.slack.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(2);
    t.socket.send(quotaCommand(t, 'env-after-reconnect', 'help'));
    expect(JSON.stringify((await t.socket.ackOf('env-after-reconnect')).payload)).toContain('/quota');
  });

  it('keeps /healthz, /readyz, /metrics and /wechat/callback on PORT, and accepts no Slack request over HTTP', async () => {
    const t = await startSocketBot(cleanups);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const metrics = await fetch(`${t.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE');
    // An unsigned push is refused by the callback itself (4xx), not missing (404): the route is served.
    const push = await fetch(`${t.baseUrl}/wechat/callback`, { method: 'POST', body: '<xml></xml>' });
    expect(push.status).toBeGreaterThanOrEqual(400);
    expect(push.status).toBeLessThan(500);
    expect(push.status).not.toBe(404);
    // Nothing is signed in Socket Mode, so /slack/events must not exist: every Slack request comes over the socket.
    const events = await fetch(`${t.baseUrl}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(404);
  });

  it('closes the socket cleanly on stop, and frees the port', async () => {
    const t = await startSocketBot(cleanups);
    await t.socket.connected();
    const started = Date.now();
    await t.bot.stop();

    expect(Date.now() - started).toBeLessThan(3000);
    await expect.poll(() => t.socket.closeCodes).toEqual([1000]);
    await expect(fetch(`${t.baseUrl}/healthz`)).rejects.toThrow();
    // No reconnection after a deliberate stop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.socket.connections).toBe(1);
  });

  it('never logs the app token, the connection ticket or a response_url, even at trace', async () => {
    const t = await startSocketBot(cleanups);
    await t.socket.connected();
    t.socket.send(quotaCommand(t, 'env-cmd-logs', 'help'));
    await t.socket.ackOf('env-cmd-logs');
    await t.bot.stop();

    const logs = t.logs.join('\n');
    expect(logs).toContain('Socket Mode: connected to Slack');
    for (const secret of [APP_TOKEN, BOT_TOKEN, FAKE_SOCKET_TICKET, t.slack.responseUrl('env-cmd-logs')]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('`quota-bot serve` exits 1 saying what to fix when Slack refuses the app token, leaving no port open', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-socket-'));
    const slack = await startFakeSlack();
    cleanups.push(async () => {
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    });
    slack.failMethod('apps.connections.open', { ok: false, error: 'invalid_auth' });
    const port = await freePort();

    const run = await runCliCaptured(['serve'], {
      NODE_ENV: 'test',
      PORT: String(port),
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^quota-bot: Slack refused SLACK_APP_TOKEN .*\(invalid_auth\)/);
    expect(run.stderr).toContain('connections:write');
    expect(run.stderr).not.toContain(APP_TOKEN);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
