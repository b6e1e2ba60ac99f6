/**
 * The bot under load: the real app (createApp, production logger at LOG_LEVEL, default 60 s quota cache) on a fresh
 * SQLite database in a temp dir, pointed at the fakes process (BENCH_SLACK_API_URL, BENCH_WECHAT_URL). One provider
 * is stored and its quota read before the port opens, so the first `/quota` is already a warm-cache answer.
 * Listens on PORT (default: any free port); SIGTERM/SIGINT stop it gracefully and delete the temp dir.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { listProviders, saveProvider } from '../../src/store/providers.js';
import { BOT_TOKEN, portFromEnv, SIGNING_SECRET, TEAM_ID, WECHAT_TOKEN } from '../lib/common.js';

const slackApiUrl = process.env.BENCH_SLACK_API_URL;
const wechatUrl = process.env.BENCH_WECHAT_URL;
if (!slackApiUrl || !wechatUrl) throw new Error('BENCH_SLACK_API_URL and BENCH_WECHAT_URL are required');

const dir = mkdtempSync(path.join(tmpdir(), 'quota-bot-bench-'));
const config = loadConfig({
  NODE_ENV: 'test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: slackApiUrl,
  WECHAT_API_BASE_URL: wechatUrl,
  DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: process.env.LOG_LEVEL,
  QUOTA_CACHE_TTL_SECONDS: process.env.QUOTA_CACHE_TTL_SECONDS,
});
const bot = await createApp(config);
await saveProvider(bot.database.db, bot.box, {
  teamId: TEAM_ID,
  name: 'Acme',
  credentials: { kind: 'static', token: WECHAT_TOKEN },
  tokenExpiresAt: null,
  now: new Date(),
});
const warmed = await bot.quota.readAll(await listProviders(bot.database.db, TEAM_ID));
if (!warmed.every((outcome) => outcome.ok)) throw new Error('could not warm the quota cache from the fake WeChat');
await bot.start(portFromEnv());

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  bot
    .stop()
    .finally(() => rmSync(dir, { recursive: true, force: true }))
    .finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
