import { describe, expect, it } from 'vitest';
import type { QuotaReading } from '../../src/quota/types.js';
import { usageInWindow, usedBetween, weeklyWindows } from '../../src/quota/usage.js';

const ZONE = 'Asia/Shanghai';
const r = (iso: string, rest: number, limit = 27, speedupRest = 3, speedupLimit = 3): QuotaReading => ({
  rest,
  limit,
  speedupRest,
  speedupLimit,
  checkedAt: new Date(iso),
});

describe('usedBetween', () => {
  it.each([
    ['audits used within a month', r('2026-11-10T02:00:00Z', 20), r('2026-11-12T02:00:00Z', 15), 5],
    ['nothing used', r('2026-11-10T02:00:00Z', 20), r('2026-11-12T02:00:00Z', 20), 0],
    // A temporary grant of 10: rest and limit rise together, while 2 were used.
    ['a raised limit is not negative usage', r('2026-11-10T02:00:00Z', 5), r('2026-11-12T02:00:00Z', 13, 37), 2],
    ['a lowered limit never counts as negative', r('2026-11-10T02:00:00Z', 5, 37), r('2026-11-12T02:00:00Z', 5, 27), 0],
    // 20 left on 30 Nov; the reset on 1 Dec 00:00 Beijing time refills to 27, 4 used since.
    ['across the reset only what was used since it', r('2026-11-30T10:00:00Z', 20), r('2026-12-02T02:00:00Z', 23), 4],
    ['right after the reset, nothing used yet', r('2026-11-30T10:00:00Z', 1), r('2026-11-30T16:30:00Z', 27), 0],
  ])('%s', (_label, earlier, later, audits) => {
    expect(usedBetween(earlier, later, ZONE).audits).toBe(audits);
  });

  it('counts expedited audits the same way', () => {
    expect(
      usedBetween(r('2026-11-10T02:00:00Z', 20, 27, 3), r('2026-11-11T02:00:00Z', 20, 27, 1), ZONE).expedited,
    ).toBe(2);
  });

  it('uses the quota zone for the month boundary (23:30 UTC on 30 Nov is already December in Beijing)', () => {
    const late = usedBetween(r('2026-11-30T15:00:00Z', 2), r('2026-11-30T16:30:00Z', 25), ZONE);
    expect(late.audits).toBe(2);
    expect(usedBetween(r('2026-11-30T15:00:00Z', 2), r('2026-11-30T16:30:00Z', 25), 'UTC').audits).toBe(0);
  });
});

describe('usageInWindow', () => {
  const history = [
    r('2026-11-01T02:00:00Z', 27),
    r('2026-11-05T02:00:00Z', 22),
    r('2026-11-09T02:00:00Z', 20),
    r('2026-11-12T02:00:00Z', 14),
  ];

  it('sums what each reading in the window shows was used since the one before', () => {
    const used = usageInWindow(history, new Date('2026-11-06T00:00:00Z'), new Date('2026-11-13T00:00:00Z'), ZONE);
    expect(used).toMatchObject({ audits: 8, coveredFrom: new Date('2026-11-06T00:00:00Z') });
  });

  it('is null for a window without readings', () => {
    expect(usageInWindow(history, new Date('2026-10-01T00:00:00Z'), new Date('2026-10-08T00:00:00Z'), ZONE)).toBeNull();
  });

  it('says from when readings cover a window that history starts in', () => {
    const used = usageInWindow(history, new Date('2026-10-30T00:00:00Z'), new Date('2026-11-06T00:00:00Z'), ZONE);
    expect(used).toEqual({ audits: 5, expedited: 0, coveredFrom: new Date('2026-11-01T02:00:00Z') });
  });
});

describe('weeklyWindows', () => {
  it('gives consecutive 7-local-day windows ending at the given instant, oldest first', () => {
    const windows = weeklyWindows(new Date('2026-11-30T01:00:00Z'), 3, ZONE);
    expect(windows.map((w) => [w.from.toISOString(), w.to.toISOString()])).toEqual([
      ['2026-11-09T01:00:00.000Z', '2026-11-16T01:00:00.000Z'],
      ['2026-11-16T01:00:00.000Z', '2026-11-23T01:00:00.000Z'],
      ['2026-11-23T01:00:00.000Z', '2026-11-30T01:00:00.000Z'],
    ]);
  });

  it('keeps the local wall clock across a DST change (a 167-hour week)', () => {
    const [week] = weeklyWindows(new Date('2026-11-02T09:00:00-05:00'), 1, 'America/New_York');
    expect(week?.from.toISOString()).toBe('2026-10-26T13:00:00.000Z');
    expect(((week?.to.getTime() ?? 0) - (week?.from.getTime() ?? 0)) / 3_600_000).toBe(169);
  });
});
