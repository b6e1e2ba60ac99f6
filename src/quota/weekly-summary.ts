import { type Forecast, forecastExhaustion } from './forecast.js';
import { quotaPeriod } from './month.js';
import type { QuotaReading } from './types.js';
import { usageInWindow, type WindowUsage, weeklyWindows } from './usage.js';

/** Weeks of usage a digest shows as a trend (this week included). */
export const TREND_WEEKS = 8;

/** One provider's week: what was used, the weeks before, and where the pace leads. */
export interface WeeklySummary {
  /** Used in the 7 days up to now; null when there is no reading in that week. */
  readonly thisWeek: WindowUsage | null;
  /** Audits used per week, oldest first, this week last; null for weeks before history starts. */
  readonly trend: readonly (number | null)[];
  readonly forecast: Forecast;
}

export interface WeeklySummaryInput {
  /** Readings sorted oldest first, the current one included. */
  readonly history: readonly QuotaReading[];
  readonly current: QuotaReading;
  readonly now: Date;
  /** The digest's zone: where a week starts and ends. */
  readonly timeZone: string;
  /** The zone of the assumed monthly reset. */
  readonly quotaTimeZone: string;
}

/** Summarises a provider's history for the weekly digest (pure). */
export function summarizeWeek(input: WeeklySummaryInput): WeeklySummary {
  const { history, current, now } = input;
  const windows = weeklyWindows(now, TREND_WEEKS, input.timeZone);
  const usages = windows.map((w) => usageInWindow(history, w.from, w.to, input.quotaTimeZone));
  const thisWeek = usages[usages.length - 1] ?? null;
  const lastWindow = windows[windows.length - 1];
  const observedMs = thisWeek && lastWindow ? lastWindow.to.getTime() - thisWeek.coveredFrom.getTime() : 0;
  const forecast = forecastExhaustion({
    rest: current.rest,
    used: thisWeek?.audits ?? null,
    observedMs,
    now,
    resetsAt: quotaPeriod(now, input.quotaTimeZone).resetsAt,
    timeZone: input.timeZone,
  });
  return { thisWeek, trend: usages.map((u) => u?.audits ?? null), forecast };
}
