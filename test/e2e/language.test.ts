import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getWorkspaceSettings } from '../../src/store/workspace-settings.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const MEMBER = 'U0MEMBER01';
const ZH_USER = 'U0ZHUSER01';
const EN_USER = 'U0ENUSER01';

describe('/quota language and the language of answers, end to end', () => {
  let dir: string;
  let env: Record<string, string>;
  let t: TestBot | null = null;
  beforeEach(async () => {
    // One database file for every bot of a test, so a restarted bot finds what the previous one stored.
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-language-'));
    env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    await rm(dir, { recursive: true, force: true });
  });
  const start = async () => {
    const bot = await startTestBot({ env, overrides: { ackBudgetMs: 5000 } });
    bot.slack.locales.set(ZH_USER, 'zh-CN');
    bot.slack.locales.set(EN_USER, 'en-US');
    t = bot;
    return bot;
  };
  const ask = async (bot: TestBot, text: string, userId: string, teamId = FAKE_TEAM_ID) => {
    const res = await bot.command(text, { userId, teamId });
    expect(res.status).toBe(200);
    assertWithinBlockKitLimits(res.json as { text: string; blocks: unknown[] });
    return JSON.stringify(res.json);
  };

  it('shows the setting to anyone, lets only admins change it, and the setting survives a restart', async () => {
    const bot = await start();
    const shown = await ask(bot, 'language', MEMBER);
    expect(shown).toContain('No workspace language is set');
    expect(shown).toContain('/quota language zh-CN');

    const refused = await ask(bot, 'language zh-CN', MEMBER);
    expect(refused).toContain('can change the workspace language');
    expect((await getWorkspaceSettings(bot.bot.database.db, FAKE_TEAM_ID)).language).toBeNull();

    // The admin has no Slack locale we speak, so the answer is already in the new workspace language.
    const set = await ask(bot, 'language 中文', FAKE_ADMIN_USER_ID);
    expect(set).toContain('本工作区的语言已改为 *简体中文*');
    expect(await getWorkspaceSettings(bot.bot.database.db, FAKE_TEAM_ID)).toMatchObject({
      language: 'zh-CN',
      updatedBy: FAKE_ADMIN_USER_ID,
    });
    await bot.close();
    t = null;

    const restarted = await start();
    expect(await ask(restarted, 'language', MEMBER)).toContain('本工作区的语言是 *简体中文*');
    expect(await ask(restarted, 'language en', FAKE_ADMIN_USER_ID)).toContain(
      "This workspace's language is now *English*",
    );
    expect(await ask(restarted, 'language english', FAKE_ADMIN_USER_ID)).toContain('already is *English*');
    expect(await ask(restarted, 'language klingon', FAKE_ADMIN_USER_ID)).toContain(
      "I don't know the language “klingon”",
    );
  });

  it('answers each person in their Slack language when it is English or Chinese, else in the workspace language', async () => {
    const bot = await start();
    // No workspace language: a zh-CN user gets Chinese, everyone else English.
    expect(await ask(bot, 'admins list', ZH_USER)).toContain('谁可以修改这里的配置');
    expect(await ask(bot, 'admins list', MEMBER)).toContain('Who can change the configuration here');

    await ask(bot, 'language zh-CN', FAKE_ADMIN_USER_ID);
    // A user without a Slack locale now gets the workspace language; an en-US user keeps English; refusals too.
    expect(await ask(bot, 'admins list', MEMBER)).toContain('谁可以修改这里的配置');
    expect(await ask(bot, 'admins list', EN_USER)).toContain('Who can change the configuration here');
    expect(await ask(bot, 'language en', MEMBER)).toContain('才能修改工作区语言');
    expect(await ask(bot, 'alert 5', MEMBER)).toContain('只有工作区管理员和所有者');
    // Another workspace is not affected by this one's setting.
    expect(await ask(bot, 'admins list', MEMBER, 'T0OTHER01')).toContain('Who can change the configuration here');

    await ask(bot, 'language en', FAKE_ADMIN_USER_ID);
    // A zh-CN user keeps Chinese in personal answers, whatever the workspace is set to.
    expect(await ask(bot, 'admins list', ZH_USER)).toContain('谁可以修改这里的配置');
    expect(await ask(bot, 'admins list', MEMBER)).toContain('Who can change the configuration here');
  });
});
