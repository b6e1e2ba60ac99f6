import { DateTime } from 'luxon';

/** WeChat does not document when the monthly audit quota resets; we assume the 1st, 00:00 Beijing time. */
export const DEFAULT_QUOTA_TIME_ZONE = 'Asia/Shanghai';

/** The quota month containing `now`, and how long until the (assumed) reset. */
export interface QuotaPeriod {
  /** Start of the current month in the zone (inclusive). */
  readonly startsAt: Date;
  /** Start of the next month in the zone: when the quota is assumed to reset. */
  readonly resetsAt: Date;
  /** Whole days until `resetsAt`, rounded up, so "1" means "some time within the next 24 hours or so". */
  readonly daysLeft: number;
}

/**
 * The assumed quota period around `now`: from the 1st of this month 00:00 to the 1st of the next month 00:00 in
 * `timeZone`. Days are calendar days in that zone, so a 23-hour DST day still counts as one day.
 */
export function quotaPeriod(now: Date, timeZone: string = DEFAULT_QUOTA_TIME_ZONE): QuotaPeriod {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('quotaPeriod: `now` is an invalid Date');
  // Every answer asks this, and luxon's zone math costs ~100 µs; the result only changes at local midnight.
  const known = sameDay.get(timeZone);
  if (known !== undefined && ms >= known.dayStartMs && ms < known.dayEndMs) return copyOf(known.period);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`quotaPeriod: unknown time zone "${timeZone}"`);
  const start = local.startOf('month');
  const reset = start.plus({ months: 1 });
  // Rounded up: the instant itself would be 0, but at that instant the next period has already begun.
  const daysLeft = Math.ceil(reset.diff(local, 'days').days - 1e-9);
  const period = { startsAt: start.toJSDate(), resetsAt: reset.toJSDate(), daysLeft: Math.max(0, daysLeft) };
  // Whole days rounded up count calendar days to a reset at local midnight, so on a regular 24-hour day the answer
  // holds until the next local midnight. Days with a DST change, and resets that DST moved off midnight, are computed
  // every time (a property check against luxon over 2019–2027 in 14 zones, DST-at-midnight ones included, agrees).
  const dayStartMs = local.startOf('day').toMillis();
  const dayEndMs = local.plus({ days: 1 }).startOf('day').toMillis();
  if (dayEndMs - dayStartMs === DAY_MS && reset.hour === 0 && reset.minute === 0) {
    if (sameDay.size >= 64) sameDay.clear();
    sameDay.set(timeZone, { dayStartMs, dayEndMs, period });
  }
  return copyOf(period);
}

const DAY_MS = 86_400_000;

/** Per zone: the local day last asked about and its period (the month of a day never straddles a reset). */
const sameDay = new Map<string, { dayStartMs: number; dayEndMs: number; period: QuotaPeriod }>();

function copyOf(period: QuotaPeriod): QuotaPeriod {
  return {
    startsAt: new Date(period.startsAt.getTime()),
    resetsAt: new Date(period.resetsAt.getTime()),
    daysLeft: period.daysLeft,
  };
}
