import type { KnownBlock } from '@slack/types';
import type { FailureExplanation } from '../../quota/explain-failure.js';
import type { QuotaReading } from '../../quota/types.js';
import type { WeeklySummary } from '../../quota/weekly-summary.js';
import { forecastSentence, forecastShort, shortDay, trendLabel } from './digest-format.js';
import {
  BLOCK_KIT_LIMITS,
  blocksTextLength,
  headerBlock,
  mrkdwnContext,
  mrkdwnSection,
  plainSection,
} from './limits.js';
import { packLines } from './line-sections.js';
import { formatCount, quotaBar, resetDay, resetLabel } from './quota-format.js';
import { displayName, escapeMrkdwn, plainText } from './text.js';
import type { SlackMessage } from './types.js';

/** One provider in a digest: its reading and week, or why it could not be read. */
export type DigestEntry =
  | { readonly name: string; readonly ok: true; readonly reading: QuotaReading; readonly week: WeeklySummary }
  | { readonly name: string; readonly ok: false; readonly failure: FailureExplanation };

export interface DigestMessageInput {
  readonly entries: readonly DigestEntry[];
  readonly teamId: string;
  readonly now: Date;
  /** The subscription's zone: days and dates are shown in it. */
  readonly timeZone: string;
  /** The zone of the assumed monthly reset. */
  readonly quotaTimeZone: string;
}

const DETAILED_MAX = 10;
const FALLBACK_BUDGET = 2000;
const FOOTER = 'Weekly digest · `/quota subscriptions` shows the schedule · `/quota unsubscribe` stops it';

/**
 * The weekly digest: per provider audits and expedited audits left, used this week, an 8-week trend and a forecast
 * against the reset. Up to 10 providers in detail; more (or detail that would not fit) one line each, most urgent
 * first, with "…and N more" past what a message can hold.
 */
export function buildDigestMessage(input: DigestMessageInput): SlackMessage {
  const { entries, now } = input;
  const head: KnownBlock[] = [
    headerBlock(`Weekly WeChat audit quota · ${shortDay(now, input.timeZone)}`),
    mrkdwnContext([capitalize(resetLabel(now, input.quotaTimeZone))]),
  ];
  if (entries.length === 0) {
    const command = `npx quota-bot provider add --team ${escapeMrkdwn(input.teamId, 40)} --name NAME --token -`;
    return {
      text: 'Weekly WeChat audit quota: no providers are set up for this workspace yet.',
      blocks: [
        ...head,
        mrkdwnSection(`No WeChat providers are set up for this workspace yet. An admin adds one with:\n\`${command}\``),
      ],
    };
  }
  const text = fallbackText(input);
  if (entries.length <= DETAILED_MAX) {
    const detailed = {
      text,
      blocks: [...head, ...entries.map((e) => mrkdwnSection(detailedText(e, input))), mrkdwnContext([FOOTER])],
    };
    if (fits(detailed)) return detailed;
  }
  const sorted = [...entries].sort((a, b) => urgency(a) - urgency(b) || a.name.localeCompare(b.name));
  const reserve = 150;
  const budget = BLOCK_KIT_LIMITS.messageText - text.length - blocksTextLength(head) - FOOTER.length - reserve;
  const packed = packLines(
    sorted.map((e) => compactLine(e, input)),
    budget,
    BLOCK_KIT_LIMITS.blocksPerMessage - head.length - 2,
  );
  const hidden = sorted.length - packed.shown;
  return {
    text,
    blocks: [
      ...head,
      ...packed.sections.map(plainSection),
      ...(hidden > 0 ? [mrkdwnSection(`…and ${hidden} more — \`/quota\` shows every provider.`)] : []),
      mrkdwnContext([FOOTER]),
    ],
  };
}

function detailedText(entry: DigestEntry, input: DigestMessageInput): string {
  const name = `*${escapeMrkdwn(displayName(entry.name, 80), 400)}*`;
  if (!entry.ok) {
    return `${name}\n:x: Could not check: ${escapeMrkdwn(entry.failure.headline, 200)}. ${escapeMrkdwn(entry.failure.action, 600)}`;
  }
  const { reading, week } = entry;
  const trend = trendLabel(week.trend);
  const used = week.thisWeek
    ? `Used this week: *${formatCount(week.thisWeek.audits)}* (${formatCount(week.thisWeek.expedited)} expedited)` +
      (week.thisWeek.coveredFrom.getTime() > input.now.getTime() - 6 * 86_400_000
        ? ` since ${shortDay(week.thisWeek.coveredFrom, input.timeZone)}, when readings start`
        : '')
    : 'Used this week: no readings yet';
  return [
    name,
    `${quotaBar(reading.rest, reading.limit)}  *${formatCount(reading.rest)} of ${formatCount(reading.limit)}* audits left · ` +
      `expedited *${formatCount(reading.speedupRest)} of ${formatCount(reading.speedupLimit)}*`,
    trend === '' ? used : `${used} · ${trend}`,
    forecastSentence(week.forecast, resetDay(input.now, input.quotaTimeZone), input.timeZone),
  ].join('\n');
}

function compactLine(entry: DigestEntry, input: DigestMessageInput): string {
  const name = plainText(displayName(entry.name, 60));
  if (!entry.ok) return `⚠️ ${name} — could not check: ${plainText(entry.failure.headline, 100)}`;
  const { reading, week } = entry;
  const icon = week.forecast.kind === 'exhausted' ? '🔴' : week.forecast.kind === 'runs-out' ? '🟠' : '🟢';
  const used = week.thisWeek ? `used ${formatCount(week.thisWeek.audits)} this week` : 'no readings this week';
  const trend = trendLabel(week.trend);
  return (
    `${icon} ${name} — ${formatCount(reading.rest)} of ${formatCount(reading.limit)} left · ${used}` +
    `${trend === '' ? '' : ` · ${trend}`} · ${forecastShort(week.forecast, input.timeZone)}`
  );
}

/** Exhausted, could not check, runs out (soonest first), no forecast, on track. */
function urgency(entry: DigestEntry): number {
  if (!entry.ok) return 1;
  const { forecast } = entry.week;
  if (forecast.kind === 'exhausted') return 0;
  if (forecast.kind === 'runs-out') return 2 + Math.min(0.999, forecast.on.getTime() / 1e14);
  return forecast.kind === 'unknown' ? 3 : 4;
}

/** "Weekly audit quota: Acme 8 of 27 left, 5 used this week, runs out Tue 24 Nov · …and 3 more". */
function fallbackText(input: DigestMessageInput): string {
  const items = input.entries.map((entry) => {
    const name = escapeMrkdwn(displayName(entry.name, 60));
    if (!entry.ok) return `${name}: could not check`;
    const used = entry.week.thisWeek ? `, ${formatCount(entry.week.thisWeek.audits)} used this week` : '';
    return (
      `${name} ${formatCount(entry.reading.rest)} of ${formatCount(entry.reading.limit)} left${used}, ` +
      forecastShort(entry.week.forecast, input.timeZone)
    );
  });
  let text = 'Weekly audit quota: ';
  for (const [index, item] of items.entries()) {
    const more = ` · …and ${items.length - index} more`;
    const separator = index === 0 ? '' : ' · ';
    const reserve = index === items.length - 1 ? 0 : ` · …and ${items.length - index - 1} more`.length;
    if (text.length + separator.length + item.length + reserve > FALLBACK_BUDGET) return `${text}${more}`;
    text += separator + item;
  }
  return text;
}

function fits(message: SlackMessage): boolean {
  return (
    message.blocks.length <= BLOCK_KIT_LIMITS.blocksPerMessage &&
    message.text.length + blocksTextLength(message.blocks) <= BLOCK_KIT_LIMITS.messageText
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
