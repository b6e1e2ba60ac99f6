import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLocaleResolver } from '../../src/i18n/locale-resolver.js';
import { createLogger } from '../../src/logging/logger.js';
import { createPeopleDirectory } from '../../src/slack/people.js';
import { setWorkspaceLanguage } from '../../src/store/workspace-settings.js';
import { FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('locale resolver (Slack locale, then workspace setting, then English)', (ctx) => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  let now: number;

  beforeEach(async () => {
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    now = 0;
  });
  afterEach(async () => {
    await slack.close();
  });
  const resolver = () => {
    const logger = createLogger({ level: 'silent' });
    const clock = () => new Date(now);
    const people = createPeopleDirectory({ clock, logger });
    return createLocaleResolver({ db: ctx.database.db, people, clock, logger, ttlMs: 10_000 });
  };
  const setLanguage = (teamId: string, language: 'en' | 'zh-CN' | null) =>
    setWorkspaceLanguage(ctx.database.db, { teamId, language, updatedBy: 'U0ADMIN001', now: new Date() });

  it("uses the user's Slack locale when it is English or Chinese, whatever the workspace says", async () => {
    slack.locales.set('U0ZH', 'zh-CN');
    slack.locales.set('U0TW', 'zh-TW');
    slack.locales.set('U0GB', 'en-GB');
    await setLanguage(FAKE_TEAM_ID, 'en');
    const locales = resolver();
    expect(await locales.forUser(client, FAKE_TEAM_ID, 'U0ZH')).toBe('zh-CN');
    expect(await locales.forUser(client, FAKE_TEAM_ID, 'U0TW')).toBe('zh-CN');
    await setLanguage('T0OTHER01', 'zh-CN');
    expect(await locales.forUser(client, 'T0OTHER01', 'U0GB')).toBe('en');
  });

  it('falls back to the workspace language for other or missing Slack locales, then to English', async () => {
    slack.locales.set('U0JA', 'ja-JP');
    await setLanguage(FAKE_TEAM_ID, 'zh-CN');
    const locales = resolver();
    expect(await locales.forUser(client, FAKE_TEAM_ID, 'U0JA')).toBe('zh-CN');
    expect(await locales.forUser(client, FAKE_TEAM_ID, 'U0NONE')).toBe('zh-CN');
    expect(await locales.forUser(client, 'T0OTHER01', 'U0NONE')).toBe('en');
    expect(await locales.forWorkspace(FAKE_TEAM_ID)).toBe('zh-CN');
    expect(await locales.forWorkspace('T0OTHER01')).toBe('en');
  });

  it('never rejects: Slack or the database failing falls back to the next rule', async () => {
    await setLanguage(FAKE_TEAM_ID, 'zh-CN');
    slack.failMethod('users.info', { ok: false, error: 'ratelimited' });
    const locales = resolver();
    expect(await locales.forUser(client, FAKE_TEAM_ID, 'U0ZH')).toBe('zh-CN');
    await ctx.database.db.schema.dropTable('workspace_settings').execute();
    expect(await locales.forWorkspace('T0OTHER01')).toBe('en');
    expect(await locales.forUser(client, 'T0OTHER01', 'U0ZH')).toBe('en');
  });

  it('caches the workspace language briefly; forgetWorkspace shows a change at once', async () => {
    const locales = resolver();
    expect(await locales.forWorkspace(FAKE_TEAM_ID)).toBe('en');
    await setLanguage(FAKE_TEAM_ID, 'zh-CN');
    expect(await locales.forWorkspace(FAKE_TEAM_ID)).toBe('en');
    now += 10_001;
    expect(await locales.forWorkspace(FAKE_TEAM_ID)).toBe('zh-CN');
    await setLanguage(FAKE_TEAM_ID, 'en');
    locales.forgetWorkspace(FAKE_TEAM_ID);
    expect(await locales.forWorkspace(FAKE_TEAM_ID)).toBe('en');
  });
});
