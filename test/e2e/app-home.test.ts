import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOME, NOTICE_MODAL, SETUP_MODAL } from '../../src/slack/ids.js';
import { saveAlert } from '../../src/store/alerts.js';
import { saveSubscription } from '../../src/store/subscriptions.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { clickButton, openHome, publishedViews } from '../helpers/block-actions.js';
import { assertViewWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const quota = (rest: number) => ({ rest, limit: 27, speedup_rest: 1, speedup_limit: 3 });
const actionIdsOf = (view: { blocks: unknown[] }) =>
  [...JSON.stringify(view.blocks).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);

describe('App Home end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
    await t.addProvider('Acme', 'wx-token-acme', { expiresAt: new Date(Date.now() + 3_600_000) });
    t.wechat.setQuota('wx-token-acme', quota(8));
  });
  afterEach(async () => {
    await t.close();
  });
  const views = () => publishedViews(t.slack.calls);
  const lastView = () => views().at(-1);
  const wechatCalls = () => t.wechat.calls.filter((c) => c.path === '/wxa/queryquota').length;

  it('app_home_opened publishes the user’s Home with the provider’s numbers, token health, digests and alerts', async () => {
    const now = new Date();
    await saveSubscription(t.bot.database.db, {
      teamId: FAKE_TEAM_ID,
      channelId: 'C0CHANNEL1',
      schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
      subscribedBy: null,
      now,
    });
    await saveAlert(t.bot.database.db, {
      teamId: FAKE_TEAM_ID,
      channelId: 'C0CHANNEL1',
      threshold: { unit: 'count', value: 5 },
      setBy: null,
      now,
    });
    const res = await openHome(t.baseUrl, { userId: 'U0USER0001' });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => views().length === 1);
    const published = lastView();
    expect(published?.userId).toBe('U0USER0001');
    expect(published?.view.type).toBe('home');
    expect(t.slack.calls.find((c) => c.method === 'views.publish')?.ok).toBe(true);
    const shown = JSON.stringify(published?.view);
    expect(shown).toContain('*Acme*');
    expect(shown).toContain('*8 of 27* audits left');
    expect(shown).toContain('Pasted token, still valid.');
    expect(shown).toContain('<#C0CHANNEL1> — Mondays at 09:00 (Asia/Shanghai)');
    expect(shown).toContain('<#C0CHANNEL1> — when audits left fall to 5');
    assertViewWithinBlockKitLimits(published?.view ?? { blocks: [] });
    // A member sees no configuration buttons.
    expect(actionIdsOf(published?.view ?? { blocks: [] })).toEqual([HOME.refresh]);
  });

  it('ignores the Messages tab', async () => {
    await openHome(t.baseUrl, { tab: 'messages' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(views()).toEqual([]);
  });

  it('publishes what is known at once when WeChat is slow, then again with the live numbers', async () => {
    await t.command('');
    t.wechat.setQuota('wx-token-acme', quota(6));
    t.bot.quota.invalidate();
    t.wechat.setLatency(1200);
    await openHome(t.baseUrl, {});
    await t.slack.waitFor(() => views().length === 1);
    const first = JSON.stringify(views()[0]?.view);
    expect(first).toContain('*8 of 27*');
    expect(first).toContain('checking now');
    await t.slack.waitFor(() => views().length === 2, 8000);
    const second = JSON.stringify(views()[1]?.view);
    expect(second).toContain('*6 of 27*');
    expect(second).not.toContain('checking now');
  });

  it('explains a provider that cannot be checked, in place', async () => {
    await t.addProvider('Broken', 'wx-token-rejected');
    await openHome(t.baseUrl, {});
    await t.slack.waitFor(() => views().length >= 1 && !JSON.stringify(lastView()?.view).includes('checking now'));
    const shown = JSON.stringify(lastView()?.view);
    expect(shown).toContain('*8 of 27*');
    expect(shown).toMatch(/\*Broken\*\\n:x: \*Could not check:\*/);
    expect(shown).toContain('*What to do:*');
  });

  it('Refresh re-reads bypassing the cache and publishes the new numbers', async () => {
    await openHome(t.baseUrl, {});
    await t.slack.waitFor(() => views().length === 1);
    const before = wechatCalls();
    t.wechat.setQuota('wx-token-acme', quota(3));
    const click = await clickButton(t.baseUrl, { actionId: HOME.refresh, on: { kind: 'home' } });
    expect(click.status).toBe(200);
    await t.slack.waitFor(() => JSON.stringify(lastView()?.view).includes('*3 of 27*'));
    expect(wechatCalls()).toBe(before + 1);
  });

  it('gives admins the buttons that open the setup and subscription modals', async () => {
    await openHome(t.baseUrl, { userId: FAKE_ADMIN_USER_ID });
    await t.slack.waitFor(() => views().length === 1);
    expect(actionIdsOf(lastView()?.view ?? { blocks: [] })).toEqual([
      HOME.refresh,
      HOME.addProvider,
      HOME.subscribe,
      HOME.editProvider,
    ]);
    await clickButton(t.baseUrl, { actionId: HOME.addProvider, userId: FAKE_ADMIN_USER_ID, on: { kind: 'home' } });
    await clickButton(t.baseUrl, {
      actionId: HOME.editProvider,
      value: 'Acme',
      userId: FAKE_ADMIN_USER_ID,
      on: { kind: 'home' },
    });
    await t.slack.waitFor(() => t.slack.calls.filter((c) => c.method === 'views.open').length === 2);
    const opened = t.slack.calls
      .filter((c) => c.method === 'views.open')
      .map((c) => ({ trigger: c.args.trigger_id, view: JSON.parse(String(c.args.view)) }));
    expect(opened.map((o) => o.view.callback_id)).toEqual([SETUP_MODAL.callbackId, SETUP_MODAL.callbackId]);
    expect(opened.every((o) => typeof o.trigger === 'string' && o.trigger !== '')).toBe(true);
    const titles = opened.map((o) => o.view.title.text).sort();
    expect(titles[0]).toMatch(/Add/);
    expect(JSON.stringify(opened)).toContain('Editing *Acme*');
  });

  it('an Edit click naming another workspace’s provider opens an empty “add” modal, revealing nothing', async () => {
    await t.addProvider('OtherCo', 'wx-token-other', { teamId: 'T0OTHER01' });
    await clickButton(t.baseUrl, {
      actionId: HOME.editProvider,
      value: 'OtherCo',
      userId: FAKE_ADMIN_USER_ID,
      on: { kind: 'home' },
    });
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'views.open'));
    const view = JSON.parse(String(t.slack.calls.find((c) => c.method === 'views.open')?.args.view));
    expect(view.callback_id).toBe(SETUP_MODAL.callbackId);
    expect(view.title.text).toMatch(/Add/);
    expect(JSON.parse(view.private_metadata)).toEqual({});
    expect(JSON.stringify(view)).not.toContain('Editing');
  });

  it('refuses a forged configuration click from a member, server-side', async () => {
    for (const actionId of [HOME.addProvider, HOME.editProvider, HOME.subscribe]) {
      await clickButton(t.baseUrl, { actionId, value: 'Acme', userId: 'U0MEMBER01', on: { kind: 'home' } });
    }
    await t.slack.waitFor(() => t.slack.calls.filter((c) => c.method === 'views.open').length === 3);
    const opened = t.slack.calls.filter((c) => c.method === 'views.open').map((c) => JSON.parse(String(c.args.view)));
    expect(opened.map((v) => v.callback_id)).toEqual([
      NOTICE_MODAL.callbackId,
      NOTICE_MODAL.callbackId,
      NOTICE_MODAL.callbackId,
    ]);
    expect(JSON.stringify(opened[0])).toContain('Only workspace admins and owners');
  });

  it('speaks the user’s language: a zh-CN user gets the Home in Chinese', async () => {
    t.slack.locales.set('U0CHINESE1', 'zh-CN');
    await openHome(t.baseUrl, { userId: 'U0CHINESE1' });
    await t.slack.waitFor(() => views().length === 1);
    const shown = JSON.stringify(lastView()?.view);
    expect(shown).toContain('微信提审额度');
    expect(shown).toContain('剩余提审 *8 / 27*');
    expect(shown).toContain('"text":"刷新"');
    // Token health too: the store keeps an English sentence for the CLI; the Home must not show it.
    expect(shown).toContain('手动粘贴的令牌');
    expect(shown).not.toContain('Pasted token');
  });

  it('shows a workspace only its own providers', async () => {
    await t.addProvider('OtherCo', 'wx-token-other', { teamId: 'T0OTHER01' });
    t.wechat.setQuota('wx-token-other', quota(21));
    await openHome(t.baseUrl, { teamId: 'T0OTHER01' });
    await openHome(t.baseUrl, {});
    await t.slack.waitFor(() => views().length === 2);
    const [first, second] = views().map((v) => JSON.stringify(v.view));
    const other = first?.includes('OtherCo') ? first : second;
    const own = first?.includes('OtherCo') ? second : first;
    expect(other).toContain('*21 of 27*');
    expect(other).not.toContain('Acme');
    expect(own).toContain('*8 of 27*');
    expect(own).not.toContain('OtherCo');
  });
});
