import { describe, expect, it } from 'vitest';
import { latestSlotAtOrBefore, nextSlotAfter, slotKey } from '../../src/digest/schedule.js';
import { planSlots } from '../../src/digest/slot-plan.js';
import type { WeeklySchedule } from '../../src/digest/types.js';

const MONDAY_9_SHANGHAI: WeeklySchedule = { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' };
const iso = (d: Date) => d.toISOString();

describe('nextSlotAfter / latestSlotAtOrBefore', () => {
  it.each([
    // Thu 26 Nov 2026 → Mon 30 Nov 09:00 Beijing time (01:00 UTC)
    ['mid-week', '2026-11-26T02:00:00Z', '2026-11-30T01:00:00.000Z'],
    ['Monday before 09:00', '2026-11-30T00:59:59Z', '2026-11-30T01:00:00.000Z'],
    ['exactly at the slot: the next week', '2026-11-30T01:00:00Z', '2026-12-07T01:00:00.000Z'],
    ['Sunday night UTC, already Monday in Beijing after 09:00', '2026-11-30T02:00:00Z', '2026-12-07T01:00:00.000Z'],
  ])('next after %s', (_label, after, expected) => {
    expect(iso(nextSlotAfter(MONDAY_9_SHANGHAI, new Date(after)))).toBe(expected);
  });

  it('finds the latest slot at or before an instant', () => {
    expect(iso(latestSlotAtOrBefore(MONDAY_9_SHANGHAI, new Date('2026-11-30T01:00:00Z')))).toBe(
      '2026-11-30T01:00:00.000Z',
    );
    expect(iso(latestSlotAtOrBefore(MONDAY_9_SHANGHAI, new Date('2026-11-30T00:59:00Z')))).toBe(
      '2026-11-23T01:00:00.000Z',
    );
  });

  it('keeps 09:00 local across a DST change (Berlin: UTC+2 in October, UTC+1 in November)', () => {
    const berlin: WeeklySchedule = { weekday: 1, hour: 9, minute: 0, timeZone: 'Europe/Berlin' };
    const before = nextSlotAfter(berlin, new Date('2026-10-20T00:00:00Z'));
    const after = nextSlotAfter(berlin, before);
    expect(iso(before)).toBe('2026-10-26T08:00:00.000Z');
    expect(iso(after)).toBe('2026-11-02T08:00:00.000Z');
    const spring = nextSlotAfter(berlin, new Date('2027-03-24T00:00:00Z'));
    expect(iso(spring)).toBe('2027-03-29T07:00:00.000Z');
  });

  it('moves a slot that does not exist that day (spring-forward gap) forward, once', () => {
    // New York skips 02:00–03:00 on Sun 14 Mar 2027; a Sunday 02:30 digest posts at 03:30 local that day.
    const gap: WeeklySchedule = { weekday: 7, hour: 2, minute: 30, timeZone: 'America/New_York' };
    const slot = nextSlotAfter(gap, new Date('2027-03-13T00:00:00Z'));
    expect(iso(slot)).toBe('2027-03-14T07:30:00.000Z');
    expect(slotKey(gap, slot)).toBe('2027-03-14');
    expect(iso(nextSlotAfter(gap, slot))).toBe('2027-03-21T06:30:00.000Z');
  });

  it('posts once on the fall-back day even though 01:30 happens twice', () => {
    const twice: WeeklySchedule = { weekday: 7, hour: 1, minute: 30, timeZone: 'America/New_York' };
    const slot = nextSlotAfter(twice, new Date('2026-10-31T12:00:00Z'));
    const next = nextSlotAfter(twice, slot);
    expect(slotKey(twice, slot)).toBe('2026-11-01');
    expect(slotKey(twice, next)).toBe('2026-11-08');
  });

  it('keys a slot by its local date in the schedule’s zone', () => {
    const la: WeeklySchedule = { weekday: 1, hour: 23, minute: 30, timeZone: 'America/Los_Angeles' };
    expect(slotKey(la, nextSlotAfter(la, new Date('2026-11-25T00:00:00Z')))).toBe('2026-11-30');
  });
});

describe('planSlots', () => {
  const DAY = 86_400_000;
  const cursor = new Date('2026-11-30T01:00:00Z');

  it('delivers a slot 3 hours late', () => {
    const plan = planSlots(MONDAY_9_SHANGHAI, cursor, new Date('2026-11-30T04:00:00Z'), DAY);
    expect(plan.skipped).toEqual([]);
    expect(plan.deliver?.key).toBe('2026-11-30');
    expect(iso(plan.cursorAfter)).toBe('2026-12-07T01:00:00.000Z');
  });

  it('skips a slot more than the cut-off late, and says so', () => {
    const plan = planSlots(MONDAY_9_SHANGHAI, cursor, new Date('2026-12-01T02:00:00Z'), DAY);
    expect(plan.skipped.map((s) => s.key)).toEqual(['2026-11-30']);
    expect(plan.deliver).toBeNull();
    expect(iso(plan.cursorAfter)).toBe('2026-12-07T01:00:00.000Z');
  });

  it('after three weeks down: two weeks skipped, this week’s digest delivered', () => {
    const plan = planSlots(MONDAY_9_SHANGHAI, cursor, new Date('2026-12-14T05:00:00Z'), DAY);
    expect(plan.skipped.map((s) => s.key)).toEqual(['2026-11-30', '2026-12-07']);
    expect(plan.deliver?.key).toBe('2026-12-14');
  });

  it('has nothing to do before the cursor', () => {
    const plan = planSlots(MONDAY_9_SHANGHAI, cursor, new Date('2026-11-30T00:59:00Z'), DAY);
    expect(plan).toEqual({ skipped: [], deliver: null, cursorAfter: cursor });
  });
});
