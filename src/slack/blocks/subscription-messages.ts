import { DateTime } from 'luxon';
import { describeThreshold } from '../../digest/alert-rule.js';
import { describeSchedule } from '../../digest/schedule-input.js';
import type { AlertThreshold, QuotaAlert, Subscription, WeeklySchedule } from '../../digest/types.js';
import { BLOCK_KIT_LIMITS, clampMrkdwn, mrkdwnContext, mrkdwnSection } from './limits.js';
import { packLines } from './line-sections.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

const channel = (id: string) => `<#${id}>`;
/** "Mon 30 Nov, 09:00" in the schedule's zone. */
const nextLabel = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).setLocale('en-US').toFormat('ccc d LLL, HH:mm');

/** The answer to a successful `/quota subscribe`. */
export function buildSubscribedMessage(input: {
  channelId: string;
  schedule: WeeklySchedule;
  nextDueAt: Date;
  replaced: boolean;
}): SlackMessage {
  const when = describeSchedule(input.schedule);
  const next = nextLabel(input.nextDueAt, input.schedule.timeZone);
  const verb = input.replaced ? 'now gets' : 'will get';
  return {
    text: `${channel(input.channelId)} ${verb} the weekly quota digest ${when}. First one: ${next}.`,
    blocks: [
      mrkdwnSection(
        `:white_check_mark: ${channel(input.channelId)} ${verb} the weekly quota digest ${when}.\nNext one: *${next}*.`,
      ),
      mrkdwnContext([
        '`/quota alert 5` also warns the channel when audits left fall to 5 · `/quota unsubscribe` stops the digest',
      ]),
    ],
  };
}

/** The answer to `/quota unsubscribe`. */
export function buildUnsubscribedMessage(input: { channelId: string; existed: boolean }): SlackMessage {
  const text = input.existed
    ? `${channel(input.channelId)} no longer gets the weekly quota digest.`
    : `${channel(input.channelId)} was not subscribed to the weekly quota digest; nothing changed.`;
  return { text, blocks: [mrkdwnSection(`${input.existed ? ':wave:' : ':information_source:'} ${text}`)] };
}

/** The answer to `/quota alert N` and `/quota alert off`. */
export function buildAlertSetMessage(input: {
  channelId: string;
  threshold: AlertThreshold | null;
  existed: boolean;
}): SlackMessage {
  const where = channel(input.channelId);
  if (input.threshold === null) {
    const text = input.existed
      ? `The low-quota alert for ${where} is off.`
      : `${where} had no low-quota alert; nothing changed.`;
    return { text, blocks: [mrkdwnSection(`:information_source: ${text}`)] };
  }
  const at = describeThreshold(input.threshold);
  const text = `${where} will be warned when a provider's audits left fall to ${at}: once each time, not every hour.`;
  return {
    text,
    blocks: [
      mrkdwnSection(`:bell: ${text}`),
      mrkdwnContext([
        'Checked every 15 minutes or so · warns again only after audits left rise above it (e.g. the monthly reset)',
      ]),
    ],
  };
}

/** The answer to `/quota subscriptions`: every digest and alert of the workspace. */
export function buildSubscriptionsMessage(input: {
  subscriptions: Subscription[];
  alerts: QuotaAlert[];
}): SlackMessage {
  const { subscriptions, alerts } = input;
  if (subscriptions.length === 0 && alerts.length === 0) {
    const text = 'No channel gets the weekly quota digest or low-quota alerts yet.';
    return {
      text,
      blocks: [
        mrkdwnSection(
          `${text}\nAn admin runs \`/quota subscribe\` in a channel (or \`/quota subscribe #channel mon 09:00\`).`,
        ),
      ],
    };
  }
  const paused = (reason: string | null) =>
    ` · :double_vertical_bar: paused (${escapeMrkdwn(reason ?? 'unknown', 60)})`;
  const lines = [
    ...subscriptions.map(
      (s) =>
        `• ${channel(s.channelId)} — digest ${describeSchedule(s.schedule)}` +
        (s.pausedAt ? paused(s.pausedReason) : ` · next ${nextLabel(s.nextDueAt, s.schedule.timeZone)}`),
    ),
    ...alerts.map(
      (a) =>
        `• ${channel(a.channelId)} — alert at ${describeThreshold(a.threshold)}${a.pausedAt ? paused(a.pausedReason) : ''}`,
    ),
  ];
  const packed = packLines(lines, BLOCK_KIT_LIMITS.messageText - 1500, BLOCK_KIT_LIMITS.blocksPerMessage - 2);
  const hidden = lines.length - packed.shown;
  const summary = `${subscriptions.length} digest ${subscriptions.length === 1 ? 'subscription' : 'subscriptions'}, ${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}`;
  return {
    text: `Weekly quota digests and alerts of this workspace: ${summary}.`,
    blocks: [
      mrkdwnSection(`*Weekly quota digests and alerts* (${summary})`),
      ...packed.sections.map(mrkdwnSection),
      ...(hidden > 0 ? [mrkdwnContext([`…and ${hidden} more.`])] : []),
    ],
  };
}

/** A configuration command the bot could not carry out: what is wrong, and the usage to do it right. */
export function buildCommandProblemMessage(input: { problem: string; usage: string }): SlackMessage {
  return {
    // The problem quotes what the user typed (`<!channel>` arrives escaped as a mention): escaped here too.
    text: `${clampMrkdwn(escapeEntitiesKeepingChannels(input.problem), 2000)} Usage: ${input.usage.replaceAll('`', '')}`,
    blocks: [
      mrkdwnSection(`:thinking_face: ${escapeMrkdwnKeepingChannels(input.problem)}`),
      mrkdwnContext([`Usage: ${input.usage}`]),
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
