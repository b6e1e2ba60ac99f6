import { DateTime } from 'luxon';
import type { AlertThreshold } from '../../digest/types.js';
import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { Forecast } from '../../quota/forecast.js';
import { sparkline } from '../../quota/sparkline.js';
import { luxonLocale } from './quota-format.js';

const SHORT_DAY: Readonly<Record<Locale, string>> = { en: 'ccc d LLL', 'zh-CN': 'M月d日ccc' };

/** "Tue 24 Nov" (or "11月24日周二") in `timeZone`. */
export function shortDay(at: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(luxonLocale(locale)).toFormat(SHORT_DAY[locale]);
}

/** The forecast as one sentence (mrkdwn-safe: no user text), with its emoji. */
export function forecastSentence(
  forecast: Forecast,
  resetDay: string,
  timeZone: string,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const t = messagesFor(locale).digest;
  switch (forecast.kind) {
    case 'exhausted':
      return t.forecastExhausted({ resetDay });
    case 'runs-out': {
      const before =
        forecast.daysBeforeReset === 0 ? t.justBeforeReset : t.daysBeforeReset({ days: forecast.daysBeforeReset });
      return t.forecastRunsOut({ day: shortDay(forecast.on, timeZone, locale), before });
    }
    case 'on-track':
      return t.forecastOnTrack({ left: forecast.leftAtReset, resetDay });
    case 'unknown':
      return t.forecastUnknown;
  }
}

/** The forecast in a few words, for one-line layouts. */
export function forecastShort(forecast: Forecast, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const t = messagesFor(locale).digest;
  switch (forecast.kind) {
    case 'exhausted':
      return t.shortExhausted;
    case 'runs-out':
      return t.shortRunsOut({ day: shortDay(forecast.on, timeZone, locale) });
    case 'on-track':
      return t.shortOnTrack;
    case 'unknown':
      return t.shortUnknown;
  }
}

/** The weekly trend as a sparkline with its span, e.g. "8 weeks ▁▂▅▃▇▅▂▅"; empty when there is no data at all. */
export function trendLabel(trend: readonly (number | null)[], locale: Locale = DEFAULT_LOCALE): string {
  if (trend.every((value) => value === null)) return '';
  return messagesFor(locale).digest.trend({ weeks: trend.length, sparkline: sparkline(trend) });
}

/** An alert threshold in words: "5 audits left", "20% of the month’s limit". */
export function thresholdText(threshold: AlertThreshold, t: Catalogue['digest']): string {
  return threshold.unit === 'percent'
    ? t.thresholdPercent({ value: threshold.value })
    : t.thresholdCount({ value: threshold.value });
}
