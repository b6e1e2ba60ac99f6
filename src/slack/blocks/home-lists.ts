import type { SectionBlock } from '@slack/types';
import type { QuotaAlert, Subscription } from '../../digest/types.js';
import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';

/** Lines per list (digests, alerts) before "and N more": keeps each list's section far under 3000 characters. */
export const HOME_MAX_LIST_LINES = 20;

/** The Home's list of weekly digests: channel, weekday, time and zone, and why one is paused. */
export function digestsSection(subscriptions: readonly Subscription[], locale: Locale): SectionBlock {
  const lines = subscriptions.map((s) => digestLine(s, locale));
  return listSection(lines, messagesFor(locale).home.noDigests, locale);
}

/** The Home's list of low-quota alerts: channel and threshold, and why one is paused. */
export function alertsSection(alerts: readonly QuotaAlert[], locale: Locale): SectionBlock {
  return listSection(
    alerts.map((a) => alertLine(a, locale)),
    messagesFor(locale).home.noAlerts,
    locale,
  );
}

function pausedSuffix(reason: string | null, pausedAt: Date | null, locale: Locale): string {
  if (pausedAt === null) return '';
  return messagesFor(locale).home.paused({ reason: escapeMrkdwn(reason ?? '—', 120) });
}

function digestLine(subscription: Subscription, locale: Locale): string {
  const { schedule } = subscription;
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
  const line = messagesFor(locale).home.digestLine({
    channel: channelMention(subscription.channelId),
    weekday: schedule.weekday,
    time,
    zone: escapeMrkdwn(schedule.timeZone, 60),
  });
  return line + pausedSuffix(subscription.pausedReason, subscription.pausedAt, locale);
}

function alertLine(alert: QuotaAlert, locale: Locale): string {
  const words = messagesFor(locale).home;
  const params = { channel: channelMention(alert.channelId), value: alert.threshold.value };
  const line = alert.threshold.unit === 'percent' ? words.alertPercent(params) : words.alertCount(params);
  return line + pausedSuffix(alert.pausedReason, alert.pausedAt, locale);
}

/** A stored channel id as a mention; anything that is not an id is shown escaped instead. */
function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]{2,40}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId, 60);
}

function listSection(lines: string[], empty: string, locale: Locale): SectionBlock {
  if (lines.length === 0) return mrkdwnSection(empty);
  const shown = lines.slice(0, HOME_MAX_LIST_LINES);
  const hidden = lines.length - shown.length;
  const more = hidden > 0 ? [messagesFor(locale).home.moreLines({ count: hidden })] : [];
  return mrkdwnSection([...shown, ...more].join('\n'));
}
