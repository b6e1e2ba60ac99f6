import { nextSlotAfter, slotKey } from './schedule.js';
import type { WeeklySchedule } from './types.js';

/** What to do about a subscription whose cursor is due. */
export interface SlotPlan {
  /** Slots too late to be worth posting: recorded as skipped, never silently dropped. */
  readonly skipped: ReadonlyArray<{ slot: Date; key: string }>;
  /** The slot to post now, if one is within the catch-up window. */
  readonly deliver: { slot: Date; key: string } | null;
  /** Where the cursor goes once all of the above is settled. */
  readonly cursorAfter: Date;
}

/** Past this many missed weeks, older ones are not walked one by one (a year of downtime is one skip record). */
const MAX_WALKED_SLOTS = 60;

/**
 * Walks the slots from the cursor up to `at`: each one older than `catchUpMs` is skipped, the newest one within it is
 * delivered. A bot down at 09:00 that is back by 09:00 the next day still posts; later than that the week is skipped.
 */
export function planSlots(schedule: WeeklySchedule, cursor: Date, at: Date, catchUpMs: number): SlotPlan {
  const skipped: Array<{ slot: Date; key: string }> = [];
  let slot = cursor;
  let walked = 0;
  while (slot.getTime() <= at.getTime() && at.getTime() - slot.getTime() > catchUpMs) {
    if (walked < MAX_WALKED_SLOTS) skipped.push({ slot, key: slotKey(schedule, slot) });
    walked += 1;
    slot = nextSlotAfter(schedule, slot);
  }
  if (slot.getTime() > at.getTime()) return { skipped, deliver: null, cursorAfter: slot };
  return { skipped, deliver: { slot, key: slotKey(schedule, slot) }, cursorAfter: nextSlotAfter(schedule, slot) };
}
