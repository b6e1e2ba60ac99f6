import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AppOverrides, createApp, type QuotaBot } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { saveProvider } from '../../src/store/providers.js';
import { FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { appMentionEnvelope, postSigned, type SlackPost, slashCommandBody } from './slack-requests.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-bot-token-SECRET-4242';

/** The real app on port 0 against a fake Slack and a fake WeChat on loopback, with its logs captured. */
export interface TestBot {
  bot: QuotaBot;
  slack: FakeSlack;
  wechat: FakeWeChat;
  /** Every log line the app wrote (JSON text). */
  logs: string[];
  baseUrl: string;
  addProvider(name: string, token: string, options?: { teamId?: string; expiresAt?: Date }): Promise<void>;
  /** Sends `/quota TEXT` as Slack does; the ack's HTTP response is returned. */
  command(
    text: string,
    options?: { teamId?: string; responseId?: string; userId?: string; channelId?: string },
  ): Promise<SlackPost>;
  /** Sends an app_mention event as Slack does. */
  mention(
    text: string,
    options: { eventId: string; teamId?: string; retryNum?: number; threadTs?: string },
  ): Promise<SlackPost>;
  close(): Promise<void>;
}

export async function startTestBot(
  options: { env?: Record<string, string>; overrides?: AppOverrides } = {},
): Promise<TestBot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-e2e-'));
  const slack = await startFakeSlack();
  const wechat = await startFakeWeChat();
  const logs: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => logs.push(line) } });
  const config = loadConfig({
    NODE_ENV: 'test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    WECHAT_API_BASE_URL: wechat.url,
    DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...options.env,
  });
  const bot = await createApp(config, { logger, ...options.overrides });
  const { port } = await bot.start(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  let responseCounter = 0;

  return {
    bot,
    slack,
    wechat,
    logs,
    baseUrl,
    async addProvider(name, token, { teamId = FAKE_TEAM_ID, expiresAt } = {}) {
      await saveProvider(bot.database.db, bot.box, {
        teamId,
        name,
        credentials: { kind: 'static', token },
        tokenExpiresAt: expiresAt ?? null,
        now: new Date(),
      });
    },
    command(text, { teamId = FAKE_TEAM_ID, responseId = `r${++responseCounter}`, userId, channelId } = {}) {
      const body = slashCommandBody({
        text,
        teamId,
        responseUrl: slack.responseUrl(responseId),
        ...(userId ? { userId } : {}),
        ...(channelId ? { channelId } : {}),
      });
      return postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/x-www-form-urlencoded');
    },
    mention(text, { eventId, teamId = FAKE_TEAM_ID, retryNum, threadTs }) {
      const body = appMentionEnvelope({ eventId, teamId, text, ...(threadTs ? { threadTs } : {}) });
      const headers: Record<string, string> =
        retryNum === undefined ? {} : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' };
      return postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/json', headers);
    },
    async close() {
      await bot.stop();
      await Promise.all([slack.close(), wechat.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
