import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTA_TIME_ZONE, quotaPeriod } from '../../src/quota/month.js';

const SHANGHAI = 'Asia/Shanghai';

describe('quotaPeriod (assumed reset: the 1st, 00:00 in the zone)', () => {
  it('mid-month in Beijing time: resets on the 1st of next month at 00:00 +08:00, 5 whole days left', () => {
    const period = quotaPeriod(new Date('2024-11-26T00:00:00+08:00'), SHANGHAI);
    expect(period.startsAt.toISOString()).toBe('2024-10-31T16:00:00.000Z');
    expect(period.resetsAt.toISOString()).toBe('2024-11-30T16:00:00.000Z');
    expect(period.daysLeft).toBe(5);
  });

  it('rounds partial days up: one millisecond past midnight still has 5 days to go', () => {
    expect(quotaPeriod(new Date('2024-11-26T00:00:00.001+08:00'), SHANGHAI).daysLeft).toBe(5);
    expect(quotaPeriod(new Date('2024-11-25T23:59:59.999+08:00'), SHANGHAI).daysLeft).toBe(6);
  });

  it('last day 23:59 Beijing time: 1 day left, reset one minute away', () => {
    const now = new Date('2024-11-30T23:59:00+08:00');
    const period = quotaPeriod(now, SHANGHAI);
    expect(period.daysLeft).toBe(1);
    expect(period.resetsAt.getTime() - now.getTime()).toBe(60_000);
  });

  it('the same instant is the last day in UTC but already next month in Beijing', () => {
    // 2024-11-30T16:30Z is 30 Nov in London but 1 Dec 00:30 in Beijing: a fresh quota there.
    const now = new Date('2024-11-30T16:30:00Z');
    const beijing = quotaPeriod(now, SHANGHAI);
    expect(beijing.startsAt.toISOString()).toBe('2024-11-30T16:00:00.000Z');
    expect(beijing.resetsAt.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(beijing.daysLeft).toBe(31);
    const utc = quotaPeriod(now, 'UTC');
    expect(utc.resetsAt.toISOString()).toBe('2024-12-01T00:00:00.000Z');
    expect(utc.daysLeft).toBe(1);
  });

  it('at the reset instant the new month has begun (never a period that already ended)', () => {
    const period = quotaPeriod(new Date('2024-11-30T16:00:00Z'), SHANGHAI);
    expect(period.startsAt.toISOString()).toBe('2024-11-30T16:00:00.000Z');
    expect(period.daysLeft).toBe(31);
  });

  it('crosses the year: December resets on 1 January of the next year', () => {
    const period = quotaPeriod(new Date('2024-12-20T12:00:00+08:00'), SHANGHAI);
    expect(period.startsAt.toISOString()).toBe('2024-11-30T16:00:00.000Z');
    expect(period.resetsAt.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(period.daysLeft).toBe(12);
  });

  it('handles February in a leap year', () => {
    const period = quotaPeriod(new Date('2024-02-28T12:00:00+08:00'), SHANGHAI);
    expect(period.resetsAt.toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(period.daysLeft).toBe(2);
  });

  it('follows DST in another zone: Berlin resets at local midnight (+02:00 after the spring change)', () => {
    // 31 March 2024 has 23 hours in Berlin; the reset is 1 April 00:00 CEST = 31 March 22:00Z.
    const period = quotaPeriod(new Date('2024-03-30T12:00:00+01:00'), 'Europe/Berlin');
    expect(period.startsAt.toISOString()).toBe('2024-02-29T23:00:00.000Z');
    expect(period.resetsAt.toISOString()).toBe('2024-03-31T22:00:00.000Z');
    // 1.5 calendar days (35 real hours) → 2.
    expect(period.daysLeft).toBe(2);
    expect(quotaPeriod(new Date('2024-03-31T00:30:00+01:00'), 'Europe/Berlin').daysLeft).toBe(1);
  });

  it('follows DST at the autumn change (New York, November starts at -05:00)', () => {
    const period = quotaPeriod(new Date('2024-10-31T12:00:00-04:00'), 'America/New_York');
    expect(period.resetsAt.toISOString()).toBe('2024-11-01T04:00:00.000Z');
    const next = quotaPeriod(new Date('2024-11-15T12:00:00-05:00'), 'America/New_York');
    expect(next.resetsAt.toISOString()).toBe('2024-12-01T05:00:00.000Z');
  });

  it('defaults to Beijing time', () => {
    expect(DEFAULT_QUOTA_TIME_ZONE).toBe(SHANGHAI);
    expect(quotaPeriod(new Date('2024-11-26T00:00:00Z')).resetsAt.toISOString()).toBe('2024-11-30T16:00:00.000Z');
  });

  it('refuses an unknown zone or an invalid date instead of inventing a reset', () => {
    expect(() => quotaPeriod(new Date('2024-11-26T00:00:00Z'), 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => quotaPeriod(new Date('nope'), SHANGHAI)).toThrow(/invalid Date/);
  });

  it('answers within a day from memory exactly as a fresh computation would, DST days and DST-at-midnight zones included', () => {
    const fresh = (at: Date, zone: string) => {
      const local = DateTime.fromJSDate(at, { zone });
      const reset = local.startOf('month').plus({ months: 1 });
      return { resetsAt: reset.toMillis(), daysLeft: Math.max(0, Math.ceil(reset.diff(local, 'days').days - 1e-9)) };
    };
    // Around DST changes: Berlin (02:00), Santiago and Havana (midnight skipped or repeated), Lord Howe (30 minutes).
    const cases: Array<[string, string]> = [
      ['Europe/Berlin', '2024-03-30T00:00:00Z'],
      ['America/Santiago', '2022-09-10T00:00:00Z'],
      ['America/Havana', '2024-03-09T00:00:00Z'],
      ['Australia/Lord_Howe', '2024-10-05T00:00:00Z'],
      ['Asia/Shanghai', '2024-11-29T00:00:00Z'],
    ];
    for (const [zone, from] of cases) {
      for (let ms = Date.parse(from); ms < Date.parse(from) + 3 * 86_400_000; ms += 17 * 60_000 + 1) {
        const period = quotaPeriod(new Date(ms), zone);
        expect({ resetsAt: period.resetsAt.getTime(), daysLeft: period.daysLeft }).toEqual(fresh(new Date(ms), zone));
      }
    }
  });

  it('hands out a new object each time, so a caller changing its dates changes nobody else’s', () => {
    const now = new Date('2024-11-26T12:00:00+08:00');
    const first = quotaPeriod(now, SHANGHAI);
    first.resetsAt.setTime(0);
    expect(quotaPeriod(now, SHANGHAI).resetsAt.toISOString()).toBe('2024-11-30T16:00:00.000Z');
  });
});
