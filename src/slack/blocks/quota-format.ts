import { DateTime } from 'luxon';
import { quotaPeriod } from '../../quota/month.js';

/** Segments of the quota bar. */
export const BAR_SEGMENTS = 10;
const FULL = '▰';
const EMPTY = '▱';
const DAY_MS = 86_400_000;

/** A count as shown: integers as they are, anything that is not a number as "?". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '?';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * `▰▰▰▱▱▱▱▱▱▱` for `rest` of `limit`. Never divides by zero (a limit of 0 is an empty bar); any audit left shows at
 * least one segment and a bar is only full when nothing has been used, so the picture never contradicts the numbers.
 */
export function quotaBar(rest: number, limit: number): string {
  let filled = 0;
  if (Number.isFinite(rest) && Number.isFinite(limit) && rest > 0) {
    const ratio = limit > 0 ? Math.min(1, rest / limit) : 1;
    filled = Math.round(ratio * BAR_SEGMENTS);
    if (filled === 0) filled = 1;
    if (filled === BAR_SEGMENTS && rest < limit) filled = BAR_SEGMENTS - 1;
  }
  return FULL.repeat(filled) + EMPTY.repeat(BAR_SEGMENTS - filled);
}

// WeChat's own term for UTC+8 (北京时间); the zones that observe it get that name, every other zone its own.
const ZONE_ALIASES: Readonly<Record<string, string>> = {
  'Asia/Shanghai': 'Beijing time',
  'Asia/Chongqing': 'Beijing time',
  'Asia/Chungking': 'Beijing time',
  'Asia/Harbin': 'Beijing time',
  PRC: 'Beijing time',
};

/** A reader-friendly name of `timeZone` at `at` (so DST shows as summer time), e.g. "Central European Summer Time". */
export function zoneLabel(timeZone: string, at: Date): string {
  const alias = ZONE_ALIASES[timeZone];
  if (alias) return alias;
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale('en-US');
  const long = local.isValid ? local.offsetNameLong : null;
  if (!long) return timeZone;
  // Zones without an English name come back as "GMT+03:00": say which zone that is.
  return long.startsWith('GMT') ? `${long} (${timeZone})` : long;
}

/** "resets 1 Dec, 00:00 Beijing time (assumed) · 5 days left", from `now` in `timeZone`. */
export function resetLabel(now: Date, timeZone: string): string {
  const period = quotaPeriod(now, timeZone);
  const when = memoized(`reset|${timeZone}|${period.resetsAt.getTime()}`, () => {
    const at = DateTime.fromJSDate(period.resetsAt, { zone: timeZone }).setLocale('en-US').toFormat('d LLL, HH:mm');
    return `${at} ${zoneLabel(timeZone, period.resetsAt)}`;
  });
  const msLeft = period.resetsAt.getTime() - now.getTime();
  const left =
    msLeft < DAY_MS ? 'less than a day left' : `${period.daysLeft} ${period.daysLeft === 1 ? 'day' : 'days'} left`;
  return `resets ${when} (assumed) · ${left}`;
}

/** The reset date alone, e.g. "1 Dec", for warnings. */
export function resetDay(now: Date, timeZone: string): string {
  const { resetsAt } = quotaPeriod(now, timeZone);
  return DateTime.fromJSDate(resetsAt, { zone: timeZone }).setLocale('en-US').toFormat('d LLL');
}

/**
 * Slack's date token, so each reader sees their own local time; the fallback (for clients that cannot render it)
 * is the time in `timeZone`. Plain text for an invalid date.
 */
export function slackDate(at: Date, timeZone: string): string {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return 'at an unknown time';
  // A cached reading's "checked" instant is the same for every answer until it expires: format it once.
  return memoized(`date|${timeZone}|${ms}`, () => {
    const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale('en-US');
    const fallback = local.isValid
      ? `${local.toFormat('d LLL yyyy, HH:mm')} ${zoneLabel(timeZone, at)}`
      : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback.replace(/[<>|&]/g, ' ')}>`;
  });
}

/** True for a time zone luxon knows (checked once per zone: the answer never changes while the process runs). */
export function isKnownTimeZone(timeZone: string): boolean {
  return memoized(`zone|${timeZone}`, () => String(DateTime.local().setZone(timeZone).isValid)) === 'true';
}

/**
 * Pure formatting results by key (luxon's zone math costs tens of µs per call and every `/quota` answer needs a
 * few). Bounded: cleared when full, so a stream of distinct instants cannot grow it.
 */
const formatted = new Map<string, string>();
function memoized(key: string, compute: () => string): string {
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (formatted.size >= 256) formatted.clear();
  formatted.set(key, value);
  return value;
}

/** The same instant in plain words for the top-level text (no tokens there). */
export function plainDate(at: Date, timeZone: string): string {
  if (!Number.isFinite(at.getTime())) return 'an unknown time';
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale('en-US');
  return `${local.toFormat('d LLL, HH:mm')} ${zoneLabel(timeZone, at)}`;
}
