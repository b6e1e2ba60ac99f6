import { DateTime } from 'luxon';
import type { AlertThreshold, QuotaAlert, Subscription, WeeklySchedule } from '../../digest/types.js';
import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { thresholdText } from './digest-format.js';
import { BLOCK_KIT_LIMITS, clampMrkdwn, mrkdwnContext, mrkdwnSection } from './limits.js';
import { packLines } from './line-sections.js';
import { luxonLocale } from './quota-format.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

const channel = (id: string) => `<#${id}>`;
const NEXT_FORMAT: Readonly<Record<Locale, string>> = { en: 'ccc d LLL, HH:mm', 'zh-CN': 'M月d日ccc HH:mm' };
const WEEKDAY_FORMAT: Readonly<Record<Locale, string>> = { en: 'cccc', 'zh-CN': 'ccc' };

/** "Mon 30 Nov, 09:00" in the schedule's zone. */
const nextLabel = (at: Date, zone: string, locale: Locale) =>
  DateTime.fromJSDate(at, { zone }).setLocale(luxonLocale(locale)).toFormat(NEXT_FORMAT[locale]);

/** "Mondays at 09:00 (Asia/Shanghai)", "每周一 09:00（Asia/Shanghai）". */
export function scheduleText(schedule: WeeklySchedule, locale: Locale = DEFAULT_LOCALE): string {
  const weekday = DateTime.fromObject({ weekday: schedule.weekday as 1 })
    .setLocale(luxonLocale(locale))
    .toFormat(WEEKDAY_FORMAT[locale]);
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
  return messagesFor(locale).subscriptions.schedule({ weekday, time, zone: schedule.timeZone });
}

function words(locale: Locale | undefined): { t: Catalogue['subscriptions']; d: Catalogue['digest']; locale: Locale } {
  const lang = locale ?? DEFAULT_LOCALE;
  const all = messagesFor(lang);
  return { t: all.subscriptions, d: all.digest, locale: lang };
}

/** The answer to a successful `/quota subscribe`. */
export function buildSubscribedMessage(input: {
  channelId: string;
  schedule: WeeklySchedule;
  nextDueAt: Date;
  replaced: boolean;
  locale?: Locale;
}): SlackMessage {
  const { t, locale } = words(input.locale);
  const when = scheduleText(input.schedule, locale);
  const next = nextLabel(input.nextDueAt, input.schedule.timeZone, locale);
  const where = channel(input.channelId);
  const sentence = input.replaced
    ? t.subscribedNow({ channel: where, when })
    : t.subscribedWill({ channel: where, when });
  return {
    text: `${sentence} ${t.firstOne({ next })}`,
    blocks: [
      mrkdwnSection(`:white_check_mark: ${sentence}\n${t.nextOne({ next })}`),
      mrkdwnContext([t.subscribedContext]),
    ],
  };
}

/** The answer to `/quota unsubscribe`. */
export function buildUnsubscribedMessage(input: {
  channelId: string;
  existed: boolean;
  locale?: Locale;
}): SlackMessage {
  const { t } = words(input.locale);
  const where = channel(input.channelId);
  const text = input.existed ? t.unsubscribed({ channel: where }) : t.notSubscribed({ channel: where });
  return { text, blocks: [mrkdwnSection(`${input.existed ? ':wave:' : ':information_source:'} ${text}`)] };
}

/** The answer to `/quota alert N` and `/quota alert off`. */
export function buildAlertSetMessage(input: {
  channelId: string;
  threshold: AlertThreshold | null;
  existed: boolean;
  locale?: Locale;
}): SlackMessage {
  const { t, d } = words(input.locale);
  const where = channel(input.channelId);
  if (input.threshold === null) {
    const text = input.existed ? t.alertOff({ channel: where }) : t.alertWasOff({ channel: where });
    return { text, blocks: [mrkdwnSection(`:information_source: ${text}`)] };
  }
  const text = t.alertSet({ channel: where, threshold: thresholdText(input.threshold, d) });
  return { text, blocks: [mrkdwnSection(`:bell: ${text}`), mrkdwnContext([t.alertSetContext])] };
}

/** The answer to `/quota subscriptions`: every digest and alert of the workspace. */
export function buildSubscriptionsMessage(input: {
  subscriptions: Subscription[];
  alerts: QuotaAlert[];
  locale?: Locale;
}): SlackMessage {
  const { t, d, locale } = words(input.locale);
  const { subscriptions, alerts } = input;
  if (subscriptions.length === 0 && alerts.length === 0) {
    return { text: t.noneYet, blocks: [mrkdwnSection(`${t.noneYet}\n${t.noneYetHow}`)] };
  }
  const paused = (reason: string | null) => t.paused({ reason: escapeMrkdwn(reason ?? t.unknownReason, 60) });
  const lines = [
    ...subscriptions.map(
      (s) =>
        t.digestLine({ channel: channel(s.channelId), schedule: scheduleText(s.schedule, locale) }) +
        (s.pausedAt ? paused(s.pausedReason) : t.nextAt({ next: nextLabel(s.nextDueAt, s.schedule.timeZone, locale) })),
    ),
    ...alerts.map(
      (a) =>
        t.alertLine({ channel: channel(a.channelId), threshold: thresholdText(a.threshold, d) }) +
        (a.pausedAt ? paused(a.pausedReason) : ''),
    ),
  ];
  const packed = packLines(lines, BLOCK_KIT_LIMITS.messageText - 1500, BLOCK_KIT_LIMITS.blocksPerMessage - 2);
  const hidden = lines.length - packed.shown;
  const summary = t.summary({ digests: subscriptions.length, alerts: alerts.length });
  return {
    text: t.listText({ summary }),
    blocks: [
      mrkdwnSection(t.listTitle({ summary })),
      ...packed.sections.map(mrkdwnSection),
      ...(hidden > 0 ? [mrkdwnContext([t.andMore({ hidden })])] : []),
    ],
  };
}

/** A configuration command the bot could not carry out: what is wrong, and the usage to do it right. */
export function buildCommandProblemMessage(input: { problem: string; usage: string; locale?: Locale }): SlackMessage {
  const { t } = words(input.locale);
  return {
    // The problem quotes what the user typed (`<!channel>` arrives escaped as a mention): escaped here too.
    text: `${clampMrkdwn(escapeEntitiesKeepingChannels(input.problem), 2000)} ${t.usage({ usage: input.usage.replaceAll('`', '') })}`,
    blocks: [
      mrkdwnSection(`:thinking_face: ${escapeMrkdwnKeepingChannels(input.problem)}`),
      mrkdwnContext([t.usage({ usage: input.usage })]),
    ],
  };
}

/** Problems quote what the user typed; escape it, but keep the `<#C…>` references we wrote ourselves clickable. */
/**
 * Our own channel references, and the invite command we tell people to type: escaping would break both (the mention
 * guard puts an invisible joiner after "@", so a copied `/invite @Quota Bot` would not work).
 */
const TRUSTED_PARTS = /(<#[CGD][A-Z0-9]+>|`\/invite @Quota Bot`)/;

function escapeMrkdwnKeepingChannels(text: string): string {
  return text
    .split(TRUSTED_PARTS)
    .map((part, index) => (index % 2 === 1 ? part : escapeKeepingEdgeSpace(part)))
    .join('');
}

/** The fallback text: only `&<>` escaped (so a quoted `<!channel>` stays literal), our `<#C…>` references kept. */
function escapeEntitiesKeepingChannels(text: string): string {
  return text
    .split(TRUSTED_PARTS)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
    )
    .join('');
}

/** escapeMrkdwn trims; around a channel reference the spaces matter ("member of <#C1>", not "member of<#C1>"). */
function escapeKeepingEdgeSpace(part: string): string {
  const escaped = escapeMrkdwn(part, 1500);
  if (escaped === '') return /\s/u.test(part) ? ' ' : '';
  return `${/^\s/u.test(part) ? ' ' : ''}${escaped}${/\s$/u.test(part) ? ' ' : ''}`;
}
