import { canonicalTimeZone, parseTimeOfDay } from '../../digest/schedule-input.js';
import type { WeeklySchedule } from '../../digest/types.js';
import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { SUBSCRIBE_MODAL } from '../ids.js';

/** What the admin picked in the subscription modal ('' when missing). */
export interface SubscribeValues {
  readonly channelId: string;
  readonly weekday: string;
  readonly time: string;
  readonly timeZone: string;
}

/** A channel and schedule ready to save, or a message under each offending field (keyed by block_id). */
export type SubscribeDecision =
  | { readonly ok: true; readonly channelId: string; readonly schedule: WeeklySchedule }
  | { readonly ok: false; readonly errors: Record<string, string> };

/** Reads `view.state.values` defensively: anything missing or of another type counts as empty. */
export function readSubscribeValues(state: unknown): SubscribeValues {
  const values = (state as { values?: Record<string, Record<string, Record<string, unknown>>> } | null)?.values ?? {};
  const element = (block: string) => values[block]?.[SUBSCRIBE_MODAL.action] ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const selected = (block: string) => text((element(block).selected_option as { value?: unknown } | undefined)?.value);
  return {
    channelId: text(element(SUBSCRIBE_MODAL.blocks.channel).selected_conversation),
    weekday: selected(SUBSCRIBE_MODAL.blocks.weekday),
    time: text(element(SUBSCRIBE_MODAL.blocks.time).selected_time),
    timeZone: selected(SUBSCRIBE_MODAL.blocks.timeZone),
  };
}

/**
 * Validates the picks. The options come from our own modal, but a submission is a request anyone can forge: every
 * value is checked again (a channel id's shape, ISO weekday 1–7, HH:MM, an IANA zone).
 */
export function decideSubscription(values: SubscribeValues, locale: Locale): SubscribeDecision {
  const words = messagesFor(locale).home;
  const B = SUBSCRIBE_MODAL.blocks;
  const errors: Record<string, string> = {};
  const channelOk = /^[CG][A-Z0-9]{2,40}$/.test(values.channelId);
  if (!channelOk) errors[B.channel] = words.pickChannel;
  const weekday = /^[1-7]$/.test(values.weekday) ? Number(values.weekday) : null;
  if (weekday === null) errors[B.weekday] = words.pickWeekday;
  const time = parseTimeOfDay(values.time);
  if (time === null) errors[B.time] = words.pickTime;
  const timeZone = canonicalTimeZone(values.timeZone);
  if (timeZone === null) errors[B.timeZone] = words.unknownTimeZone;
  if (!channelOk || weekday === null || time === null || timeZone === null) return { ok: false, errors };
  return {
    ok: true,
    channelId: values.channelId,
    schedule: { weekday, hour: time.hour, minute: time.minute, timeZone },
  };
}
