import type { KnownBlock } from '@slack/types';
import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
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
import { formatCount, quotaBar, readingNumbers, resetDay, resetLabel } from './quota-format.js';
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
  /** The workspace's language (a channel post). */
  readonly locale?: Locale;
}

/** The input with its language settled and the words of that language. */
type Render = DigestMessageInput & { readonly locale: Locale; readonly t: Catalogue['digest'] };

const DETAILED_MAX = 10;
const FALLBACK_BUDGET = 2000;

/**
 * The weekly digest: per provider audits and expedited audits left, used this week, an 8-week trend and a forecast
 * against the reset. Up to 10 providers in detail; more (or detail that would not fit) one line each, most urgent
 * first, with "…and N more" past what a message can hold.
 */
export function buildDigestMessage(digest: DigestMessageInput): SlackMessage {
  const locale = digest.locale ?? DEFAULT_LOCALE;
  const input: Render = { ...digest, locale, t: messagesFor(locale).digest };
  const { entries, now, t } = input;
  const footer = t.footer;
  const head: KnownBlock[] = [
    headerBlock(t.header({ day: shortDay(now, input.timeZone, locale) })),
    mrkdwnContext([resetLabel(now, input.quotaTimeZone, locale)]),
  ];
  if (entries.length === 0) {
    const command = `npx quota-bot provider add --team ${escapeMrkdwn(input.teamId, 40)} --name NAME --token -`;
    return { text: t.noProvidersText, blocks: [...head, mrkdwnSection(t.noProviders({ command }))] };
  }
  const text = fallbackText(input);
  if (entries.length <= DETAILED_MAX) {
    const detailed = {
      text,
      blocks: [...head, ...entries.map((e) => mrkdwnSection(detailedText(e, input))), mrkdwnContext([footer])],
    };
    if (fits(detailed)) return detailed;
  }
  const sorted = [...entries].sort((a, b) => urgency(a) - urgency(b) || a.name.localeCompare(b.name));
  const reserve = 150;
  const budget = BLOCK_KIT_LIMITS.messageText - text.length - blocksTextLength(head) - footer.length - reserve;
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
      ...(hidden > 0 ? [mrkdwnSection(t.andMore({ hidden }))] : []),
      mrkdwnContext([footer]),
    ],
  };
}

function detailedText(entry: DigestEntry, input: Render): string {
  const { t, locale } = input;
  const name = `*${escapeMrkdwn(displayName(entry.name, 80), 400)}*`;
  if (!entry.ok) {
    const headline = escapeMrkdwn(entry.failure.headline, 200);
    return `${name}\n${t.couldNotCheck({ headline, action: escapeMrkdwn(entry.failure.action, 600) })}`;
  }
  const { reading, week } = entry;
  const trend = trendLabel(week.trend, locale);
  const used = week.thisWeek
    ? t.usedThisWeek({ audits: formatCount(week.thisWeek.audits), expedited: formatCount(week.thisWeek.expedited) }) +
      (week.thisWeek.coveredFrom.getTime() > input.now.getTime() - 6 * 86_400_000
        ? t.sinceReadingsStart({ day: shortDay(week.thisWeek.coveredFrom, input.timeZone, locale) })
        : '')
    : t.noReadingsYet;
  return [
    name,
    `${quotaBar(reading.rest, reading.limit)}  ${t.leftLine(readingNumbers(reading))}`,
    trend === '' ? used : `${used} · ${trend}`,
    forecastSentence(week.forecast, resetDay(input.now, input.quotaTimeZone, locale), input.timeZone, locale),
  ].join('\n');
}

function compactLine(entry: DigestEntry, input: Render): string {
  const { t, locale } = input;
  const name = plainText(displayName(entry.name, 60));
  if (!entry.ok) return t.compactFailed({ name, headline: plainText(entry.failure.headline, 100) });
  const { reading, week } = entry;
  const icon = week.forecast.kind === 'exhausted' ? '🔴' : week.forecast.kind === 'runs-out' ? '🟠' : '🟢';
  const used = week.thisWeek ? t.compactUsed({ audits: formatCount(week.thisWeek.audits) }) : t.compactNoReadings;
  const trend = trendLabel(week.trend, locale);
  return (
    t.compactLine({ icon, name, rest: formatCount(reading.rest), limit: formatCount(reading.limit), used }) +
    `${trend === '' ? '' : ` · ${trend}`} · ${forecastShort(week.forecast, input.timeZone, locale)}`
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
function fallbackText(input: Render): string {
  const { t, locale } = input;
  const items = input.entries.map((entry) => {
    const name = escapeMrkdwn(displayName(entry.name, 60));
    if (!entry.ok) return t.fallbackFailed({ name });
    const used = entry.week.thisWeek ? t.fallbackUsed({ audits: formatCount(entry.week.thisWeek.audits) }) : '';
    return t.fallbackItem({
      name,
      rest: formatCount(entry.reading.rest),
      limit: formatCount(entry.reading.limit),
      used,
      forecast: forecastShort(entry.week.forecast, input.timeZone, locale),
    });
  });
  let text = t.fallbackPrefix;
  for (const [index, item] of items.entries()) {
    const more = t.fallbackMore({ count: items.length - index });
    const separator = index === 0 ? '' : ' · ';
    const reserve = index === items.length - 1 ? 0 : t.fallbackMore({ count: items.length - index - 1 }).length;
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
