import { DateTime } from 'luxon';
import type { Forecast } from '../../quota/forecast.js';
import { sparkline } from '../../quota/sparkline.js';

/** "Tue 24 Nov" in `timeZone`. */
export function shortDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale('en-US').toFormat('ccc d LLL');
}

/** The forecast as one sentence (mrkdwn-safe: no user text), with its emoji. */
export function forecastSentence(forecast: Forecast, resetDay: string, timeZone: string): string {
  switch (forecast.kind) {
    case 'exhausted':
      return `:no_entry: *No audits left:* submissions fail with errcode 85085 until the reset (${resetDay}, assumed).`;
    case 'runs-out': {
      const before =
        forecast.daysBeforeReset === 0
          ? 'just before the reset'
          : `${forecast.daysBeforeReset} ${forecast.daysBeforeReset === 1 ? 'day' : 'days'} before the reset`;
      return `:warning: At this week’s pace audits run out on *${shortDay(forecast.on, timeZone)}*, ${before}.`;
    }
    case 'on-track':
      return `:white_check_mark: On track: at this week’s pace about ${forecast.leftAtReset} will be left at the reset (${resetDay}).`;
    case 'unknown':
      return ':hourglass_flowing_sand: Not enough history yet for a forecast (it needs a day of readings).';
  }
}

/** The forecast in a few words, for one-line layouts. */
export function forecastShort(forecast: Forecast, timeZone: string): string {
  switch (forecast.kind) {
    case 'exhausted':
      return 'none left (85085)';
    case 'runs-out':
      return `runs out ${shortDay(forecast.on, timeZone)}`;
    case 'on-track':
      return 'on track';
    case 'unknown':
      return 'no forecast yet';
  }
}

/** The weekly trend as a sparkline with its span, e.g. "8 weeks ▁▂▅▃▇▅▂▅"; empty when there is no data at all. */
export function trendLabel(trend: readonly (number | null)[]): string {
  if (trend.every((value) => value === null)) return '';
  return `${trend.length} weeks ${sparkline(trend)}`;
}
