import type { AlertThreshold } from '../digest/types.js';
import { type Catalogue, messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { type ChannelRef, describeChannelToken, parseChannelRef } from './channel-ref.js';

/** What `/quota alert …` asked for, or a problem in words. */
export type AlertArgs =
  | {
      readonly ok: true;
      readonly action: 'set';
      readonly threshold: AlertThreshold;
      readonly channel: ChannelRef | null;
    }
  | { readonly ok: true; readonly action: 'off'; readonly channel: ChannelRef | null }
  | { readonly ok: false; readonly problem: string };

/** The largest count accepted: far above any monthly audit limit WeChat grants. */
export const MAX_ALERT_COUNT = 10_000;

/** Parses `N|N%|off [#channel]`: N a whole number 0–10000, N% a whole percentage 1–99. */
export function parseAlertArgs(args: string, locale: Locale = DEFAULT_LOCALE): AlertArgs {
  const t = messagesFor(locale).problems;
  const how = t.alertHow;
  const [first, second, ...rest] = args.split(' ').filter((token) => token !== '');
  if (first === undefined) return { ok: false, problem: t.alertTellWhen({ how }) };
  let channel: ChannelRef | null = null;
  if (second !== undefined) {
    channel = parseChannelRef(second);
    if (channel === null) {
      return { ok: false, problem: t.notAChannel({ token: describeChannelToken(second) }) };
    }
  }
  if (rest.length > 0)
    return { ok: false, problem: t.alertUnexpected({ token: describeChannelToken(rest.join(' ')), how }) };
  if (/^(off|none|stop|disable)$/i.test(first)) return { ok: true, action: 'off', channel };
  const threshold = parseThreshold(first, t);
  return 'problem' in threshold
    ? { ok: false, problem: threshold.problem }
    : { ok: true, action: 'set', threshold, channel };
}

function parseThreshold(token: string, t: Catalogue['problems']): AlertThreshold | { problem: string } {
  const shown = describeChannelToken(token);
  const how = t.alertHow;
  const match = /^([+-]?\d+(?:[.,]\d+)?)(%?)$/.exec(token);
  if (!match) return { problem: t.alertNotANumber({ token: shown, how }) };
  const value = Number((match[1] as string).replace(',', '.'));
  const percent = match[2] === '%';
  if (!Number.isInteger(value)) return { problem: t.alertWholeNumber({ token: shown, how }) };
  if (percent) {
    if (value < 1 || value > 99) {
      return { problem: t.alertPercentRange({ value }) };
    }
    return { unit: 'percent', value };
  }
  if (value < 0) return { problem: t.alertNegative({ token: shown }) };
  if (value > MAX_ALERT_COUNT) return { problem: t.alertTooMany({ value, max: MAX_ALERT_COUNT }) };
  return { unit: 'count', value };
}
