import { describe, expect, it } from 'vitest';
import { forecastExhaustion } from '../../src/quota/forecast.js';
import { sparkline } from '../../src/quota/sparkline.js';

const DAY = 86_400_000;
const base = {
  now: new Date('2026-11-17T01:00:00Z'), // Tue 17 Nov, 09:00 Beijing time
  resetsAt: new Date('2026-11-30T16:00:00Z'), // 1 Dec, 00:00 Beijing time
  timeZone: 'Asia/Shanghai',
  observedMs: 7 * DAY,
};

describe('forecastExhaustion', () => {
  it('projects the run-out date at this week’s pace and says how long before the reset', () => {
    // 7 used in 7 days: 1 a day; 7 left → runs out on Tue 24 Nov, 7 days before 1 Dec.
    const forecast = forecastExhaustion({ ...base, rest: 7, used: 7 });
    expect(forecast).toEqual({ kind: 'runs-out', on: new Date('2026-11-24T01:00:00Z'), daysBeforeReset: 7 });
  });

  it('is on track when the pace lasts until the reset, with about how many are left then', () => {
    expect(forecastExhaustion({ ...base, rest: 20, used: 7 })).toEqual({ kind: 'on-track', leftAtReset: 6 });
  });

  it.each([
    ['nothing left', { rest: 0, used: 3 }, { kind: 'exhausted' }],
    ['nothing used this week', { rest: 5, used: 0 }, { kind: 'on-track', leftAtReset: 5 }],
    ['no history', { rest: 5, used: null }, { kind: 'unknown' }],
    ['less than a day of history', { rest: 5, used: 3, observedMs: DAY / 2 }, { kind: 'unknown' }],
  ])('%s', (_label, input, expected) => {
    expect(forecastExhaustion({ ...base, ...input })).toEqual(expected);
  });
});

describe('sparkline', () => {
  it.each([
    [[0, 1, 2, 4, 8], '▁▃▄▅█'],
    [[null, null, 3, 3], '··██'],
    [[0, 0, 0], '▁▁▁'],
    [[1, 100], '▂█'],
    [[], ''],
  ])('%j → %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});
