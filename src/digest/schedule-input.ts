import { DateTime, IANAZone } from 'luxon';
import type { WeeklySchedule } from './types.js';

/** Weekday names as users type them, index + 1 = ISO weekday. */
const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'weds', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
];

/** Three-letter names by ISO weekday (index 0 unused), for messages and the CLI. */
export const WEEKDAY_SHORT = Object.freeze(['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** The default digest slot: Monday 09:00. */
export const DEFAULT_WEEKDAY = 1;
export const DEFAULT_HOUR = 9;
export const DEFAULT_MINUTE = 0;

/** ISO weekday (1 = Monday) of `text` ("mon", "Monday", "mondays", "Mon."), or null. */
export function parseWeekday(text: string): number | null {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/(day)s$/, '$1');
  const index = WEEKDAY_NAMES.findIndex((names) => names.includes(word));
  return index === -1 ? null : index + 1;
}

/** True when `text` has the shape of a time ("9:00", "25:99"), valid or not: such a token is meant as a time. */
export function looksLikeTime(text: string): boolean {
  return /^\d{1,2}[:.h]\d{1,2}$/i.test(text.trim());
}

/** `HH:MM` or `H:MM` (00:00–23:59) as hour and minute, or null. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** The canonical spelling of an IANA time zone ("asia/shanghai" → "Asia/Shanghai"), or null when unknown. */
export function canonicalTimeZone(text: string): string | null {
  const name = text.trim();
  // Offsets like "+08:00" or "UTC+8" are not zones: they ignore DST, which is the point of asking for a zone.
  if (name === '' || /^[+-]|\d:\d/.test(name) || !IANAZone.isValidZone(name)) return null;
  try {
    // Only the letter case is corrected: ICU may map a valid alias (EST) to an unrelated canonical zone.
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

/** "Mondays at 09:00 (Asia/Shanghai)". */
export function describeSchedule(schedule: WeeklySchedule): string {
  const day = DateTime.fromObject({ weekday: schedule.weekday as 1 })
    .setLocale('en-US')
    .toFormat('cccc');
  return `${day}s at ${formatTimeOfDay(schedule.hour, schedule.minute)} (${schedule.timeZone})`;
}

/** "09:00". */
export function formatTimeOfDay(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
