import { describe, expect, it } from 'vitest';
import { decideSubscription, readSubscribeValues } from '../../../src/slack/home/subscribe-form.js';
import { SUBSCRIBE_MODAL } from '../../../src/slack/ids.js';

const B = SUBSCRIBE_MODAL.blocks;
const state = (picks: { channel?: unknown; weekday?: unknown; time?: unknown; zone?: unknown }) => ({
  values: {
    [B.channel]: { value: { type: 'conversations_select', selected_conversation: picks.channel } },
    [B.weekday]: { value: { type: 'static_select', selected_option: { value: picks.weekday } } },
    [B.time]: { value: { type: 'timepicker', selected_time: picks.time } },
    [B.timeZone]: { value: { type: 'static_select', selected_option: { value: picks.zone } } },
  },
});

describe('the subscription modal’s form', () => {
  it('turns the picks into a channel and a weekly schedule', () => {
    const values = readSubscribeValues(
      state({ channel: 'C0CHANNEL1', weekday: '3', time: '17:30', zone: 'europe/berlin' }),
    );
    expect(decideSubscription(values, 'en')).toEqual({
      ok: true,
      channelId: 'C0CHANNEL1',
      schedule: { weekday: 3, hour: 17, minute: 30, timeZone: 'Europe/Berlin' },
    });
  });

  it('puts a message under every field that is missing or forged, in the user’s language', () => {
    const values = readSubscribeValues(state({ channel: 'D0DIRECT1', weekday: '8', time: '25:00', zone: 'Mars/Base' }));
    const decision = decideSubscription(values, 'en');
    expect(decision).toEqual({
      ok: false,
      errors: {
        [B.channel]: 'Pick a channel.',
        [B.weekday]: 'Pick a day.',
        [B.time]: 'Pick a time of day.',
        [B.timeZone]: 'Pick a time zone from the list.',
      },
    });
    const empty = decideSubscription(readSubscribeValues({}), 'zh-CN');
    expect(empty.ok).toBe(false);
    expect(Object.values((empty as { errors: Record<string, string> }).errors)).toContain('请选择一个频道。');
  });
});
