import { DateTime } from 'luxon';
import type { Quota } from '../quota/types.js';
import type { AlertThreshold } from './types.js';

/**
 * True when audits left are at or below the threshold. A percentage is of the month's current limit, so a raised
 * limit (a temporary grant) raises the bar with it; a limit of 0 means nothing can be left, which is reached.
 */
export function thresholdReached(threshold: AlertThreshold, quota: Quota): boolean {
  if (!Number.isFinite(quota.rest)) return false;
  if (threshold.unit === 'count') return quota.rest <= threshold.value;
  if (!Number.isFinite(quota.limit) || quota.limit <= 0) return quota.rest <= 0;
  // Integer arithmetic: 20% of 27 is 5.4, and 5 left must count as reached while 6 must not.
  return quota.rest * 100 <= threshold.value * quota.limit;
}

/** "5 audits left" or "20% of the month’s limit". */
export function describeThreshold(threshold: AlertThreshold): string {
  if (threshold.unit === 'percent') return `${threshold.value}% of the month’s limit`;
  return `${threshold.value} ${threshold.value === 1 ? 'audit' : 'audits'} left`;
}

/** The quota month of an instant, `yyyy-MM` in the quota's zone: alert firings are keyed by it. */
export function quotaMonthKey(at: Date, quotaTimeZone: string): string {
  return DateTime.fromJSDate(at, { zone: quotaTimeZone }).toFormat('yyyy-MM');
}

/** The start of a `yyyy-MM` quota month in the quota's zone. */
export function quotaMonthStart(monthKey: string, quotaTimeZone: string): Date {
  return DateTime.fromFormat(monthKey, 'yyyy-MM', { zone: quotaTimeZone }).toJSDate();
}
