import { DateTime } from 'luxon';
import { quotaPeriod } from './month.js';
import type { QuotaReading } from './types.js';

/** Audits and expedited audits used over some stretch of time. */
export interface Usage {
  readonly audits: number;
  readonly expedited: number;
}

/** Usage seen in a window, and from when the readings cover it (later than the window's start when history is young). */
export interface WindowUsage extends Usage {
  readonly coveredFrom: Date;
}

/**
 * What was used between two readings, never negative. Within one quota month usage is the growth of `limit - rest`,
 * so a raised limit (a temporary grant lifts `rest` and `limit` together) is not "negative usage". Across a month
 * reset only what was used since the reset is known: `limit - rest` of the later reading.
 */
export function usedBetween(earlier: QuotaReading, later: QuotaReading, timeZone: string): Usage {
  const month = (r: QuotaReading) => quotaPeriod(r.checkedAt, timeZone).startsAt.getTime();
  const sameMonth = month(earlier) === month(later);
  const usedSoFar = (rest: number, limit: number) => limit - rest;
  const audits = usedSoFar(later.rest, later.limit) - (sameMonth ? usedSoFar(earlier.rest, earlier.limit) : 0);
  const expedited =
    usedSoFar(later.speedupRest, later.speedupLimit) -
    (sameMonth ? usedSoFar(earlier.speedupRest, earlier.speedupLimit) : 0);
  return { audits: clamp(audits), expedited: clamp(expedited) };
}

/**
 * Usage observed in (from, to]: each reading inside the window adds what was used since the reading before it (which
 * may be older than `from`; usage counts in the week it was seen). Null when no reading falls in the window.
 * `readings` must be sorted oldest first.
 */
export function usageInWindow(
  readings: readonly QuotaReading[],
  from: Date,
  to: Date,
  timeZone: string,
): WindowUsage | null {
  let audits = 0;
  let expedited = 0;
  let seen = false;
  let coveredFrom: Date | null = null;
  for (let i = 0; i < readings.length; i += 1) {
    const reading = readings[i] as QuotaReading;
    const t = reading.checkedAt.getTime();
    if (t <= from.getTime()) {
      coveredFrom = from;
      continue;
    }
    if (t > to.getTime()) break;
    seen = true;
    const previous = readings[i - 1];
    if (previous === undefined) {
      coveredFrom ??= reading.checkedAt;
      continue;
    }
    const used = usedBetween(previous, reading, timeZone);
    audits += used.audits;
    expedited += used.expedited;
  }
  if (!seen) return null;
  return { audits, expedited, coveredFrom: coveredFrom ?? from };
}

/** `count` week-long windows ending at `end`, oldest first; weeks are 7 local days in `timeZone`, so DST is exact. */
export function weeklyWindows(end: Date, count: number, timeZone: string): Array<{ from: Date; to: Date }> {
  const last = DateTime.fromJSDate(end, { zone: timeZone });
  const windows: Array<{ from: Date; to: Date }> = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const to = last.minus({ weeks: back });
    windows.push({ from: to.minus({ weeks: 1 }).toJSDate(), to: to.toJSDate() });
  }
  return windows;
}

function clamp(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
