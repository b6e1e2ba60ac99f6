import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { saveProvider } from '../../src/store/providers.js';
import { FAKE_TEAM_ID, startFakeSlack } from '../fakes/fake-slack.js';
import { slashCommandEnvelope, startFakeSocketMode } from '../fakes/fake-socket-mode.js';
import { startFakeWeChat } from '../fakes/fake-wechat.js';
import { slashCommandBody } from '../helpers/slack-requests.js';
import { BOT_TOKEN } from '../helpers/start-bot.js';

type Line = Record<string, unknown> & { reqId?: string; msg?: string };

describe('request ids in Socket Mode', () => {
  it('each envelope’s log lines carry one id of their own', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-reqid-'));
    const [slack, wechat, socket] = await Promise.all([startFakeSlack(), startFakeWeChat(), startFakeSocketMode()]);
    slack.setSocketModeUrl(socket.url);
    const logs: string[] = [];
    const config = loadConfig({
      NODE_ENV: 'test',
      SLACK_APP_TOKEN: 'xapp-1-A0QUOTABOT-1234-reqid',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      WECHAT_API_BASE_URL: wechat.url,
      DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => logs.push(line) } });
    const bot = await createApp(config, { logger, digests: { schedule: false } });
    try {
      await bot.start(0);
      await socket.connected();
      wechat.respond('sock-beta-token', { kind: 'errcode', errcode: 48001, errmsg: 'api unauthorized' });
      await saveProvider(bot.database.db, bot.box, {
        teamId: FAKE_TEAM_ID,
        name: 'Beta',
        credentials: { kind: 'static', token: 'sock-beta-token' },
        tokenExpiresAt: null,
        now: new Date(),
      });
      const fields = (id: string) =>
        Object.fromEntries(
          new URLSearchParams(
            slashCommandBody({ text: 'Beta', teamId: FAKE_TEAM_ID, responseUrl: slack.responseUrl(id) }),
          ),
        );
      socket.send(slashCommandEnvelope('env-req-1', fields('env-req-1')));
      await socket.ackOf('env-req-1');
      socket.send(slashCommandEnvelope('env-req-2', fields('env-req-2')));
      await socket.ackOf('env-req-2');

      const lines = logs.map((text) => JSON.parse(text) as Line);
      const failed = lines.filter((l) => l.msg === 'quota check failed');
      expect(failed).toHaveLength(2);
      const ids = failed.map((l) => l.reqId);
      expect(ids[0]).toMatch(/^[0-9a-f]{12}-[0-9a-f]{8,}$/);
      expect(ids[1]).toMatch(/^[0-9a-f]{12}-[0-9a-f]{8,}$/);
      expect(ids[0]).not.toBe(ids[1]);
    } finally {
      await bot.stop();
      await Promise.all([slack.close(), wechat.close(), socket.close()]);
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
