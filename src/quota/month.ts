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
  if (Number.isNaN(now.getTime())) throw new RangeError('quotaPeriod: `now` is an invalid Date');
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`quotaPeriod: unknown time zone "${timeZone}"`);
  const start = local.startOf('month');
  const reset = start.plus({ months: 1 });
  // Rounded up: the instant itself would be 0, but at that instant the next period has already begun.
  const daysLeft = Math.ceil(reset.diff(local, 'days').days - 1e-9);
  return { startsAt: start.toJSDate(), resetsAt: reset.toJSDate(), daysLeft: Math.max(0, daysLeft) };
}
