import { DateTime } from 'luxon';
import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { quotaPeriod } from '../../quota/month.js';
import type { QuotaReading } from '../../quota/types.js';

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

/** Luxon's locale and date patterns per language: "1 Dec, 00:00" reads "12月1日 00:00" in Chinese. */
const DATE_STYLE: Readonly<Record<Locale, { luxon: string; day: string; dayTime: string; full: string }>> = {
  en: { luxon: 'en-US', day: 'd LLL', dayTime: 'd LLL, HH:mm', full: 'd LLL yyyy, HH:mm' },
  'zh-CN': { luxon: 'zh-CN', day: 'M月d日', dayTime: 'M月d日 HH:mm', full: 'yyyy年M月d日 HH:mm' },
};

/** Luxon's locale tag for `locale`, for callers formatting weekdays and dates themselves. */
export function luxonLocale(locale: Locale): string {
  return DATE_STYLE[locale].luxon;
}

// WeChat's own term for UTC+8 (北京时间); the zones that observe it get that name, every other zone its own.
const BEIJING_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

/** A reader-friendly name of `timeZone` at `at` (so DST shows as summer time), e.g. "Central European Summer Time". */
export function zoneLabel(timeZone: string, at: Date, locale: Locale = DEFAULT_LOCALE): string {
  if (BEIJING_ZONES.has(timeZone)) return messagesFor(locale).quota.beijingTime;
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(DATE_STYLE[locale].luxon);
  const long = local.isValid ? local.offsetNameLong : null;
  if (!long) return timeZone;
  // Zones without a name in the language come back as "GMT+03:00": say which zone that is.
  return long.startsWith('GMT') ? `${long} (${timeZone})` : long;
}

/** "Resets 1 Dec, 00:00 Beijing time (assumed) · 5 days left", from `now` in `timeZone`. */
export function resetLabel(now: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const period = quotaPeriod(now, timeZone);
  const when = memoized(`reset|${locale}|${timeZone}|${period.resetsAt.getTime()}`, () => {
    const at = DateTime.fromJSDate(period.resetsAt, { zone: timeZone })
      .setLocale(DATE_STYLE[locale].luxon)
      .toFormat(DATE_STYLE[locale].dayTime);
    return `${at} ${zoneLabel(timeZone, period.resetsAt, locale)}`;
  });
  const messages = messagesFor(locale).quota;
  const msLeft = period.resetsAt.getTime() - now.getTime();
  const left = msLeft < DAY_MS ? messages.lessThanADayLeft : messages.daysLeft({ days: period.daysLeft });
  return messages.resets({ when, left });
}

/** The reset date alone, e.g. "1 Dec" (or "12月1日"), for warnings. */
export function resetDay(now: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const { resetsAt } = quotaPeriod(now, timeZone);
  return DateTime.fromJSDate(resetsAt, { zone: timeZone })
    .setLocale(DATE_STYLE[locale].luxon)
    .toFormat(DATE_STYLE[locale].day);
}

/**
 * Slack's date token, so each reader sees their own local time; the fallback (for clients that cannot render it)
 * is the time in `timeZone`. Plain text for an invalid date.
 */
export function slackDate(at: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return messagesFor(locale).quota.atUnknownTime;
  // A cached reading's "checked" instant is the same for every answer until it expires: format it once.
  return memoized(`date|${locale}|${timeZone}|${ms}`, () => {
    const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(DATE_STYLE[locale].luxon);
    const fallback = local.isValid
      ? `${local.toFormat(DATE_STYLE[locale].full)} ${zoneLabel(timeZone, at, locale)}`
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
export function plainDate(at: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  if (!Number.isFinite(at.getTime())) return messagesFor(locale).quota.unknownTime;
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(DATE_STYLE[locale].luxon);
  return `${local.toFormat(DATE_STYLE[locale].dayTime)} ${zoneLabel(timeZone, at, locale)}`;
}

/** A reading's four numbers formatted for a message's placeholders. */
export function readingNumbers(reading: QuotaReading) {
  return {
    rest: formatCount(reading.rest),
    limit: formatCount(reading.limit),
    speedupRest: formatCount(reading.speedupRest),
    speedupLimit: formatCount(reading.speedupLimit),
  };
}
