import {
  canonicalTimeZone,
  DEFAULT_HOUR,
  DEFAULT_MINUTE,
  DEFAULT_WEEKDAY,
  looksLikeTime,
  parseTimeOfDay,
  parseWeekday,
} from '../digest/schedule-input.js';
import type { WeeklySchedule } from '../digest/types.js';
import { messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { type ChannelRef, describeChannelToken, looksLikeChannel, parseChannelRef } from './channel-ref.js';

/** What `/quota subscribe …` asked for, or a problem in words. */
export type SubscribeArgs =
  | { readonly ok: true; readonly channel: ChannelRef | null; readonly schedule: WeeklySchedule }
  | { readonly ok: false; readonly problem: string };

/**
 * Parses `[#channel] [WEEKDAY HH:MM] [IANA-TZ]`, in any order, each at most once. Omitted parts take the defaults:
 * the current channel (null), Monday, 09:00, `defaultTimeZone`.
 */
export function parseSubscribeArgs(
  args: string,
  defaultTimeZone: string,
  locale: Locale = DEFAULT_LOCALE,
): SubscribeArgs {
  const t = messagesFor(locale).problems;
  let channel: ChannelRef | null = null;
  let weekday: number | null = null;
  let time: { hour: number; minute: number } | null = null;
  let timeZone: string | null = null;
  const twice = (what: string) => ({ ok: false as const, problem: t.twice({ what }) });

  for (const token of args.split(' ').filter((t) => t !== '')) {
    const shown = describeChannelToken(token);
    if (looksLikeChannel(token)) {
      const parsed = parseChannelRef(token);
      if (parsed === null) return { ok: false, problem: t.notAChannelName({ token: shown }) };
      if (channel !== null) return twice(t.aChannel);
      channel = parsed;
    } else if (looksLikeTime(token)) {
      const parsed = parseTimeOfDay(token);
      if (parsed === null) return { ok: false, problem: t.notATime({ token: shown }) };
      if (time !== null) return twice(t.aTime);
      time = parsed;
    } else if (looksLikeTimeZone(token)) {
      const zone = canonicalTimeZone(token);
      if (zone === null) return { ok: false, problem: t.unknownTimeZone({ token: shown }) };
      if (timeZone !== null) return twice(t.aTimeZone);
      timeZone = zone;
    } else {
      const day = parseWeekday(token);
      if (day === null) return { ok: false, problem: t.unknownWeekday({ token: shown }) };
      if (weekday !== null) return twice(t.aWeekday);
      weekday = day;
    }
  }
  return {
    ok: true,
    channel,
    schedule: {
      weekday: weekday ?? DEFAULT_WEEKDAY,
      hour: time?.hour ?? DEFAULT_HOUR,
      minute: time?.minute ?? DEFAULT_MINUTE,
      timeZone: timeZone ?? defaultTimeZone,
    },
  };
}

/** Area/Location names, UTC/GMT, and offsets (refused later with a reason): a token meant as a time zone. */
function looksLikeTimeZone(token: string): boolean {
  return token.includes('/') || /^(utc|gmt|z)([+-].*)?$/i.test(token) || /^[+-]\d/.test(token);
}
