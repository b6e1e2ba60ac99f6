import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setWorkspaceLanguage } from '../../src/store/workspace-settings.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const QUOTA = { rest: 8, limit: 27, speedup_rest: 0, speedup_limit: 3 };
const CHINESE_USER = 'U0ZHCN0001';
const ENGLISH_USER = 'U0ENUS0001';
/** The mention envelope's author (test/helpers/slack-requests.ts). */
const MENTION_AUTHOR = 'U0USER0001';

type Answer = { response_type: string; text: string; blocks: unknown[] };

describe('answers in the asker’s Slack language (users.info locale)', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
    t.slack.locales.set(CHINESE_USER, 'zh-CN');
    t.slack.locales.set(ENGLISH_USER, 'en-US');
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', QUOTA);
  });
  afterEach(async () => {
    await t.close();
  });

  it('gives a zh-CN user the /quota answer in Chinese, and an en-US user the same numbers in English', async () => {
    const zh = (await t.command('', { userId: CHINESE_USER })).json as Answer;
    const en = (await t.command('', { userId: ENGLISH_USER })).json as Answer;

    expect(zh.response_type).toBe('ephemeral');
    expect(zh.text).toContain('Acme：剩余提审 8 / 27，加急 0 / 3');
    const zhBlocks = JSON.stringify(zh.blocks);
    expect(zhBlocks).toContain('剩余提审次数 *8 / 27*');
    expect(zhBlocks).toContain('北京时间');
    expect(zhBlocks).toContain('加急次数已用完');
    expect(zhBlocks).not.toMatch(/audits left|Expedited|Checked/);
    assertWithinBlockKitLimits(zh);

    expect(en.text).toContain('Acme: 8 of 27 audits left');
    expect(JSON.stringify(en.blocks)).toContain('Beijing time');
    expect(JSON.stringify(en.blocks)).not.toMatch(/[\u4e00-\u9fff]{2}/);
    // The locale came from Slack, asked for explicitly.
    const lookups = t.slack.calls.filter((c) => c.method === 'users.info' && c.args.user === CHINESE_USER);
    expect(lookups.length).toBeGreaterThan(0);
    expect(String(lookups[0]?.args.include_locale)).toBe('true');
  });

  it('explains failures and unknown names in Chinese, keeping the commands to type untranslated', async () => {
    await t.addProvider('Beta', 'wx-token-beta');
    t.wechat.respond('wx-token-beta', { kind: 'errcode', errcode: 48001, errmsg: 'api unauthorized' });
    const failed = (await t.command('beta', { userId: CHINESE_USER })).json as Answer;
    const failedText = JSON.stringify(failed.blocks);
    expect(failedText).toContain('小程序没有授予所需的权限');
    expect(failedText).toContain('权限集 18');
    expect(failedText).toContain('WECHAT_API_PERMISSION_MISSING');

    const unknown = (await t.command('Acmee', { userId: CHINESE_USER })).json as Answer;
    expect(unknown.text).toContain('找不到名为“Acmee”的服务商');
    expect(unknown.text).toContain('“Acme”');

    const help = (await t.command('help', { userId: CHINESE_USER })).json as Answer;
    expect(JSON.stringify(help.blocks)).toContain('`/quota subscribe [#channel] [mon 09:00] [Asia/Shanghai]`');
    expect(JSON.stringify(help.blocks)).toContain('查询微信代码提审额度');
  });

  it('answers a mention in the thread in the language of whoever mentioned the bot', async () => {
    t.slack.locales.set(MENTION_AUTHOR, 'zh-TW');
    await t.mention('<@U0QUOTABOT> quota Acme', { eventId: 'Ev0ZH00001' });
    await t.slack.waitFor(() => t.slack.posts().length === 1, 5000);
    const post = t.slack.posts()[0];
    expect(String(post?.args.text)).toContain('剩余提审 8 / 27');
    expect(post?.args.thread_ts).toBe('1700000000.000100');
  });
});

describe('configuration and channel posts in Chinese', () => {
  const MONDAY_9_SHANGHAI = new Date('2026-11-30T01:00:00Z');
  let t: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-26T02:00:00Z');
    t = await startTestBot({
      overrides: { clock: () => now, digests: { schedule: false, poster: { channelIntervalMs: 0 } } },
    });
    t.slack.locales.set(FAKE_ADMIN_USER_ID, 'zh-CN');
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', QUOTA);
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers an admin’s subcommands, and their mistakes, in the admin’s Chinese', async () => {
    const wrong = JSON.stringify((await t.command('alert lots', { userId: FAKE_ADMIN_USER_ID })).json);
    expect(wrong).toContain('“lots”既不是次数也不是百分比');
    expect(wrong).toContain('用法：`/quota alert N|N%|off [#channel]`');

    const set = JSON.stringify((await t.command('alert 20%', { userId: FAKE_ADMIN_USER_ID })).json);
    expect(set).toContain(`服务商剩余提审次数降到当月额度的 20%时，会提醒 <#${FAKE_CHANNEL_ID}>`);

    const subscribed = JSON.stringify((await t.command('subscribe mon 09:00', { userId: FAKE_ADMIN_USER_ID })).json);
    expect(subscribed).toContain('将在每周一 09:00（Asia/Shanghai）收到每周额度周报');

    await t.command('setup Beta', { userId: FAKE_ADMIN_USER_ID });
    const opened = t.slack.calls.find((c) => c.method === 'views.open');
    const modal = JSON.parse(String(opened?.args.view)) as { title: { text: string }; submit: { text: string } };
    expect(modal.title.text).toBe('添加微信服务商');
    expect(modal.submit.text).toBe('保存并查询');

    const status = JSON.stringify((await t.command('status', { userId: FAKE_ADMIN_USER_ID })).json);
    expect(status).toContain('微信令牌状态');
    expect(status).toContain('手动粘贴的令牌，未填写过期时间');
  });

  it('posts the weekly digest in the workspace’s language, chosen with /quota language', async () => {
    await t.command('subscribe mon 09:00 Asia/Shanghai', { userId: FAKE_ADMIN_USER_ID });
    await setWorkspaceLanguage(t.bot.database.db, {
      teamId: FAKE_TEAM_ID,
      language: 'zh-CN',
      updatedBy: FAKE_ADMIN_USER_ID,
      now,
    });
    now = MONDAY_9_SHANGHAI;
    await t.bot.digests.runDue(MONDAY_9_SHANGHAI);

    const posts = t.slack.posts().filter((c) => c.args.channel === FAKE_CHANNEL_ID);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.args.text)).toContain('提审额度周报：Acme 剩余 8 / 27');
    expect(JSON.stringify(posts[0]?.args.blocks)).toContain('微信提审额度周报 · 11月30日周一');
    assertWithinBlockKitLimits(posts[0]?.args as { text: string; blocks: unknown[] });
  });
});
