import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOME, SUBSCRIBE_MODAL } from '../../src/slack/ids.js';
import { findSubscription, listSubscriptions } from '../../src/store/subscriptions.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { clickButton, publishedViews } from '../helpers/block-actions.js';
import { submitView, type ViewStateValues } from '../helpers/slack-interactivity.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const B = SUBSCRIBE_MODAL.blocks;
const picks = (channel: string, weekday = '5', time = '17:30', zone = 'Europe/Berlin'): ViewStateValues => ({
  [B.channel]: { value: { type: 'conversations_select', selected_conversation: channel } },
  [B.weekday]: { value: { type: 'static_select', selected_option: { value: weekday } } },
  [B.time]: { value: { type: 'timepicker', selected_time: time } },
  [B.timeZone]: { value: { type: 'static_select', selected_option: { value: zone } } },
});

describe('the subscription modal from the App Home, end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
  });
  afterEach(async () => {
    await t.close();
  });
  const submit = (values: ViewStateValues, userId = FAKE_ADMIN_USER_ID) =>
    submitView(t.baseUrl, { callbackId: SUBSCRIBE_MODAL.callbackId, values, userId });

  it('opens for an admin with a channel picker, weekday, time and time zone', async () => {
    await clickButton(t.baseUrl, { actionId: HOME.subscribe, userId: FAKE_ADMIN_USER_ID, on: { kind: 'home' } });
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'views.open'));
    const view = JSON.parse(String(t.slack.calls.find((c) => c.method === 'views.open')?.args.view));
    expect(view.callback_id).toBe(SUBSCRIBE_MODAL.callbackId);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const elements = Object.fromEntries(
      view.blocks
        .filter((b: { type: string }) => b.type === 'input')
        .map((b: { block_id: string; element: { type: string } }) => [b.block_id, b.element]),
    );
    expect(elements[B.channel].type).toBe('conversations_select');
    expect(elements[B.weekday].initial_option.value).toBe('1');
    expect(elements[B.time]).toMatchObject({ type: 'timepicker', initial_time: '09:00' });
    // The workspace default zone comes first and is preselected.
    expect(elements[B.timeZone].initial_option.value).toBe('Asia/Shanghai');
  });

  it('saves the subscription through the /quota subscribe path, closes, and shows it on the Home', async () => {
    const res = await submit(picks('C0CHANNEL1'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const saved = await findSubscription(t.bot.database.db, FAKE_TEAM_ID, 'C0CHANNEL1');
    expect(saved?.schedule).toEqual({ weekday: 5, hour: 17, minute: 30, timeZone: 'Europe/Berlin' });
    expect(saved?.subscribedBy).toBe(FAKE_ADMIN_USER_ID);
    await t.slack.waitFor(() =>
      publishedViews(t.slack.calls).some((v) => JSON.stringify(v.view).includes('<#C0CHANNEL1> — Fridays at 17:30')),
    );
  });

  it('shows the channel check’s problem under the channel field, saving nothing', async () => {
    t.slack.channels.set('C0NOTIN001', { name: 'random', isMember: false });
    const res = await submit(picks('C0NOTIN001'));
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[B.channel]).toMatch(/not a member of <#C0NOTIN001>.*\/invite/);
    expect(await listSubscriptions(t.bot.database.db, FAKE_TEAM_ID)).toEqual([]);
  });

  it('answers forged or missing picks with errors on each field', async () => {
    const res = await submit(picks('', '9', '7pm', 'Mars/Olympus'));
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([B.channel, B.time, B.timeZone, B.weekday].sort());
    expect(await listSubscriptions(t.bot.database.db, FAKE_TEAM_ID)).toEqual([]);
  });

  it('refuses a submission from someone who is not an admin', async () => {
    const res = await submit(picks('C0CHANNEL1'), 'U0MEMBER01');
    const body = res.json as { errors: Record<string, string> };
    expect(body.errors[B.channel]).toMatch(/Only workspace admins/);
    expect(await listSubscriptions(t.bot.database.db, FAKE_TEAM_ID)).toEqual([]);
  });
});
