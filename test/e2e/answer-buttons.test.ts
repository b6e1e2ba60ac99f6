import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_BUTTONS } from '../../src/slack/ids.js';
import { FAKE_BOT_USER_ID } from '../fakes/fake-slack.js';
import { clickButton } from '../helpers/block-actions.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const quota = (rest: number) => ({ rest, limit: 27, speedup_rest: 1, speedup_limit: 3 });
type Message = { text: string; blocks: Array<{ block_id?: string; elements?: Array<Record<string, unknown>> }> };
const buttonsOf = (message: Message) =>
  message.blocks.find((block) => block.block_id === ANSWER_BUTTONS.blockId)?.elements ?? [];

describe('Refresh and Share under quota answers, end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', quota(8));
  });
  afterEach(async () => {
    await t.close();
  });
  const wechatCalls = () => t.wechat.calls.filter((c) => c.path === '/wxa/queryquota').length;
  const responsesTo = (id: string) => t.slack.responses.filter((r) => r.id === id).map((r) => r.body);

  it('puts Refresh and Share, carrying only the scope, under every /quota answer', async () => {
    const all = (await t.command('')).json as Message;
    expect(buttonsOf(all).map((b) => [b.action_id, b.value])).toEqual([
      [ANSWER_BUTTONS.refresh, 'all'],
      [ANSWER_BUTTONS.share, 'all'],
    ]);
    assertWithinBlockKitLimits(all);
    const one = (await t.command('acme')).json as Message;
    expect(buttonsOf(one).map((b) => b.value)).toEqual(['one:Acme', 'one:Acme']);
    // Help and "unknown provider" answers have nothing to refresh or share.
    expect(buttonsOf((await t.command('help')).json as Message)).toEqual([]);
    expect(buttonsOf((await t.command('nobody')).json as Message)).toEqual([]);
  });

  it('Refresh asks WeChat again, bypassing the cache, and replaces the ephemeral answer with the new numbers', async () => {
    expect(((await t.command('')).json as Message).text).toContain('8 of 27');
    expect(wechatCalls()).toBe(1);
    t.wechat.setQuota('wx-token-acme', quota(5));
    t.wechat.setLatency(1500);
    const click = await clickButton(t.baseUrl, {
      actionId: ANSWER_BUTTONS.refresh,
      value: 'all',
      on: { kind: 'ephemeral', responseUrl: t.slack.responseUrl('refresh1') },
    });
    // Acked at once, before WeChat answers.
    expect(click.status).toBe(200);
    expect(click.ms).toBeLessThan(1000);
    await t.slack.waitFor(() => responsesTo('refresh1').length === 1);
    expect(wechatCalls()).toBe(2);
    const [replaced] = responsesTo('refresh1') as Array<Message & Record<string, unknown>>;
    expect(replaced).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(replaced?.text).toContain('5 of 27');
    expect(buttonsOf(replaced as Message)).toHaveLength(2);
    assertWithinBlockKitLimits(replaced as Message);
  });

  it('Share posts the same answer visibly, attributed, without buttons', async () => {
    await t.command('');
    await clickButton(t.baseUrl, {
      actionId: ANSWER_BUTTONS.share,
      value: 'one:Acme',
      userId: 'U0SHARER01',
      on: { kind: 'ephemeral', responseUrl: t.slack.responseUrl('share1') },
    });
    await t.slack.waitFor(() => responsesTo('share1').length === 1);
    const [shared] = responsesTo('share1') as Array<Message & Record<string, unknown>>;
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(shared?.text).toContain('8 of 27');
    expect(JSON.stringify(shared?.blocks)).toContain('Shared by <@U0SHARER01>');
    expect(buttonsOf(shared as Message)).toEqual([]);
    // The same answer: served from the cache, no new WeChat call.
    expect(wechatCalls()).toBe(1);
    assertWithinBlockKitLimits(shared as Message);
  });

  it('Refresh answers in the clicker’s language', async () => {
    t.slack.locales.set('U0CHINESE1', 'zh-CN');
    await clickButton(t.baseUrl, {
      actionId: ANSWER_BUTTONS.refresh,
      value: 'all',
      userId: 'U0CHINESE1',
      on: { kind: 'ephemeral', responseUrl: t.slack.responseUrl('zh1') },
    });
    await t.slack.waitFor(() => responsesTo('zh1').length === 1);
    const [replaced] = responsesTo('zh1') as Message[];
    expect(JSON.stringify(replaced)).toContain('剩余提审');
    expect(buttonsOf(replaced as Message).map((b) => (b.text as { text: string }).text)).toEqual([
      '刷新',
      '分享到频道',
    ]);
  });

  it('a forged value naming another workspace’s provider finds nothing of that workspace', async () => {
    await t.addProvider('Secret', 'wx-token-other', { teamId: 'T0OTHER01' });
    t.wechat.setQuota('wx-token-other', quota(21));
    for (const actionId of [ANSWER_BUTTONS.refresh, ANSWER_BUTTONS.share]) {
      const id = `forged-${actionId}`;
      await clickButton(t.baseUrl, {
        actionId,
        value: 'one:Secret',
        on: { kind: 'ephemeral', responseUrl: t.slack.responseUrl(id) },
      });
      await t.slack.waitFor(() => responsesTo(id).length === 1);
      const [answer] = responsesTo(id) as Array<Message & Record<string, unknown>>;
      expect(answer?.response_type).toBe('ephemeral');
      expect(JSON.stringify(answer)).not.toContain('21 of 27');
      // Answered as a name this workspace does not have: nothing to refresh or share.
      expect(buttonsOf(answer as Message)).toEqual([]);
    }
    expect(t.wechat.calls.some((c) => c.token === 'wx-token-other')).toBe(false);
  });

  it('on a mention’s reply, Refresh updates the message with chat.update and Share posts to the channel', async () => {
    await t.mention(`<@${FAKE_BOT_USER_ID}> quota`, { eventId: 'EvButtons1' });
    await t.slack.waitFor(() => t.slack.posts().length === 1);
    const reply = t.slack.posts()[0]?.args as unknown as Message;
    expect(buttonsOf(reply)).toHaveLength(2);

    t.wechat.setQuota('wx-token-acme', quota(4));
    const on = {
      kind: 'message' as const,
      ts: '1700000001.000100',
      threadTs: '1700000000.000100',
      responseUrl: t.slack.responseUrl('m1'),
    };
    await clickButton(t.baseUrl, { actionId: ANSWER_BUTTONS.refresh, value: 'all', on });
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'chat.update'));
    const update = t.slack.calls.find((c) => c.method === 'chat.update')?.args as Record<string, unknown>;
    expect(update).toMatchObject({ channel: 'C0CHANNEL1', ts: '1700000001.000100' });
    expect(String(update.text)).toContain('4 of 27');

    await clickButton(t.baseUrl, { actionId: ANSWER_BUTTONS.share, value: 'all', on });
    await t.slack.waitFor(() => t.slack.posts().length === 2);
    const shared = t.slack.posts()[1]?.args as Record<string, unknown>;
    expect(shared.channel).toBe('C0CHANNEL1');
    expect(shared.thread_ts).toBeUndefined();
    expect(String(shared.text)).toContain('4 of 27');
    expect(JSON.stringify(shared.blocks)).toContain('Shared by <@U0USER0001>');
  });
});
