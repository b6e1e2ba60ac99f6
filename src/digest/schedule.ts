import { DateTime } from 'luxon';
import type { WeeklySchedule } from './types.js';

/**
 * The schedule's slot in the local week of `local` (ISO week, Monday first). Built from the calendar date and the wall
 * clock, so DST is luxon's business: a time that does not exist that day (spring forward) moves forward by the gap,
 * an ambiguous one (fall back) is taken once.
 */
function slotInWeekOf(schedule: WeeklySchedule, local: DateTime, weeksAhead: number): DateTime {
  const day = local.startOf('week').plus({ weeks: weeksAhead, days: schedule.weekday - 1 });
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: schedule.hour, minute: schedule.minute },
    { zone: schedule.timeZone },
  );
}

/** The first scheduled slot strictly after `after`. */
export function nextSlotAfter(schedule: WeeklySchedule, after: Date): Date {
  const local = DateTime.fromJSDate(after, { zone: schedule.timeZone });
  if (!local.isValid) throw new RangeError(`nextSlotAfter: unknown time zone "${schedule.timeZone}"`);
  for (let weeks = 0; weeks <= 2; weeks += 1) {
    const slot = slotInWeekOf(schedule, local, weeks);
    if (slot.toMillis() > after.getTime()) return slot.toJSDate();
  }
  throw new Error('nextSlotAfter: no slot within two weeks (unreachable)');
}

/** The latest scheduled slot at or before `at`. */
export function latestSlotAtOrBefore(schedule: WeeklySchedule, at: Date): Date {
  const local = DateTime.fromJSDate(at, { zone: schedule.timeZone });
  if (!local.isValid) throw new RangeError(`latestSlotAtOrBefore: unknown time zone "${schedule.timeZone}"`);
  for (let weeks = 0; weeks >= -2; weeks -= 1) {
    const slot = slotInWeekOf(schedule, local, weeks);
    if (slot.toMillis() <= at.getTime()) return slot.toJSDate();
  }
  throw new Error('latestSlotAtOrBefore: no slot within two weeks (unreachable)');
}

/**
 * The period key of a slot: its local date (yyyy-MM-dd) in the schedule's zone. One digest per channel per local
 * date, so moving the time later the same day cannot post a second digest for that day.
 */
export function slotKey(schedule: WeeklySchedule, slot: Date): string {
  return DateTime.fromJSDate(slot, { zone: schedule.timeZone }).toISODate() ?? slot.toISOString().slice(0, 10);
}
