import { DateTime } from 'luxon';

/** Where this week's pace leads by the (assumed) monthly reset. */
export type Forecast =
  /** Nothing left now. */
  | { readonly kind: 'exhausted' }
  /** At this pace the audits run out on `on`, that many calendar days before the reset. */
  | { readonly kind: 'runs-out'; readonly on: Date; readonly daysBeforeReset: number }
  /** At this pace about `leftAtReset` audits are still there at the reset. */
  | { readonly kind: 'on-track'; readonly leftAtReset: number }
  /** Not enough history to tell a pace. */
  | { readonly kind: 'unknown' };

export interface ForecastInput {
  /** Audits left now. */
  readonly rest: number;
  /** Audits used over the observed stretch (null: no history). */
  readonly used: number | null;
  /** The stretch `used` was observed over. */
  readonly observedMs: number;
  readonly now: Date;
  readonly resetsAt: Date;
  /** Zone of the calendar days counted before the reset. */
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;

/**
 * Straight-line projection of the recent pace: audits left ÷ audits per day. Needs at least a day of history; fewer
 * hours say more about when someone happened to submit than about a pace.
 */
export function forecastExhaustion(input: ForecastInput): Forecast {
  const { rest, used, observedMs, now, resetsAt } = input;
  if (Number.isFinite(rest) && rest <= 0) return { kind: 'exhausted' };
  if (used === null || !Number.isFinite(rest) || observedMs < DAY_MS) return { kind: 'unknown' };
  const msLeft = Math.max(0, resetsAt.getTime() - now.getTime());
  if (used <= 0) return { kind: 'on-track', leftAtReset: rest };
  const perMs = used / observedMs;
  const runsOutAt = now.getTime() + rest / perMs;
  if (runsOutAt >= resetsAt.getTime()) {
    return { kind: 'on-track', leftAtReset: Math.max(0, Math.floor(rest - perMs * msLeft)) };
  }
  const on = new Date(runsOutAt);
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: input.timeZone }).startOf('day');
  const daysBeforeReset = Math.max(0, Math.round(day(resetsAt).diff(day(on), 'days').days));
  return { kind: 'runs-out', on, daysBeforeReset };
}
