import { describe, expect, it } from 'vitest';
import { parseAlertArgs } from '../../src/slack/alert-args.js';
import { parseChannelRef, parseOptionalChannel } from '../../src/slack/channel-ref.js';
import { parseSubscribeArgs } from '../../src/slack/subscribe-args.js';

const TZ = 'Asia/Shanghai';
const mon9 = { weekday: 1, hour: 9, minute: 0, timeZone: TZ };

describe('parseSubscribeArgs', () => {
  it.each([
    ['', { channel: null, schedule: mon9 }],
    ['<#C0123ABCD|mini-program-ops>', { channel: { kind: 'id', id: 'C0123ABCD' }, schedule: mon9 }],
    ['<#G0123ABCD>', { channel: { kind: 'id', id: 'G0123ABCD' }, schedule: mon9 }],
    ['#Mini-Program-Ops', { channel: { kind: 'name', name: 'mini-program-ops' }, schedule: mon9 }],
    ['fri 17:30', { channel: null, schedule: { ...mon9, weekday: 5, hour: 17, minute: 30 } }],
    [
      '<#C0123ABCD|ops> wednesday 8:15 Europe/Berlin',
      {
        channel: { kind: 'id', id: 'C0123ABCD' },
        schedule: { weekday: 3, hour: 8, minute: 15, timeZone: 'Europe/Berlin' },
      },
    ],
    ['america/new_york tue', { channel: null, schedule: { ...mon9, weekday: 2, timeZone: 'America/New_York' } }],
    ['10:00', { channel: null, schedule: { ...mon9, hour: 10 } }],
  ])('%j', (args, expected) => {
    expect(parseSubscribeArgs(args, TZ)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['funday 09:00', "I don't know the weekday “funday”"],
    ['mon 25:99', '“25:99” is not a time of day'],
    ['mon 9.30', '“9.30” is not a time of day'],
    ['mon 09:00 Mars/Olympus', '“Mars/Olympus” is not a time zone I know'],
    ['mon 09:00 UTC+8', 'not a time zone I know'],
    ['mon tue', 'a weekday twice'],
    ['#ops #dev', 'a channel twice'],
    ['#', 'is not a channel name'],
  ])('%j → a specific problem', (args, problem) => {
    const parsed = parseSubscribeArgs(args, TZ);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toContain(problem);
  });
});

describe('parseAlertArgs', () => {
  it.each([
    ['5', { action: 'set', threshold: { unit: 'count', value: 5 }, channel: null }],
    ['0', { action: 'set', threshold: { unit: 'count', value: 0 }, channel: null }],
    ['20%', { action: 'set', threshold: { unit: 'percent', value: 20 }, channel: null }],
    [
      '3 <#C0123ABCD|ops>',
      { action: 'set', threshold: { unit: 'count', value: 3 }, channel: { kind: 'id', id: 'C0123ABCD' } },
    ],
    ['off', { action: 'off', channel: null }],
    ['OFF #ops', { action: 'off', channel: { kind: 'name', name: 'ops' } }],
  ])('%j', (args, expected) => {
    expect(parseAlertArgs(args)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['', 'Tell me when to warn'],
    ['0%', 'from 1% to 99%'],
    ['100%', 'from 1% to 99%'],
    ['200%', 'from 1% to 99%'],
    ['-3', 'cannot be negative'],
    ['2.5', 'whole number'],
    ['five', 'not a number of audits or a percentage'],
    ['99999', 'at most 10000'],
    ['5 ops', '“ops” is not a channel'],
    ['5 #ops extra', "didn't expect “extra”"],
  ])('%j → a specific problem', (args, problem) => {
    const parsed = parseAlertArgs(args);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toContain(problem);
  });
});

describe('channel references', () => {
  it.each([
    ['<#C0123ABCD|ops>', { kind: 'id', id: 'C0123ABCD' }],
    ['<#C0123ABCD|>', { kind: 'id', id: 'C0123ABCD' }],
    ['C0123ABCD', { kind: 'id', id: 'C0123ABCD' }],
    ['#运营', { kind: 'name', name: '运营' }],
    ['#ops.team_1', { kind: 'name', name: 'ops.team_1' }],
    ['<@U0123ABCD>', null],
    ['ops', null],
    ['#a b', null],
  ])('%j → %j', (token, expected) => {
    expect(parseChannelRef(token)).toEqual(expected);
  });

  it('accepts an optional channel and nothing else (unsubscribe)', () => {
    expect(parseOptionalChannel('')).toEqual({ ok: true, channel: null });
    expect(parseOptionalChannel('#ops')).toEqual({ ok: true, channel: { kind: 'name', name: 'ops' } });
    expect(parseOptionalChannel('#ops now')).toMatchObject({ ok: false });
    expect(parseOptionalChannel('ops')).toMatchObject({ ok: false });
  });
});
