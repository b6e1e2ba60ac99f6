import type { KnownBlock } from '@slack/types';
import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { DEFAULT_QUOTA_TIME_ZONE } from '../../quota/month.js';
import { auditLevel, expeditedExhausted, type QuotaLevel } from '../../quota/quota-level.js';
import type { QuotaReading } from '../../quota/types.js';
import {
  BLOCK_KIT_LIMITS,
  blocksTextLength,
  headerBlock,
  mrkdwnContext,
  mrkdwnSection,
  plainSection,
} from './limits.js';
import {
  formatCount,
  isKnownTimeZone,
  quotaBar,
  readingNumbers,
  resetDay,
  resetLabel,
  slackDate,
} from './quota-format.js';
import { displayName, escapeMrkdwn, plainText } from './text.js';
import type { ProviderOutcome, SlackMessage } from './types.js';

/** Up to this many providers get the detailed layout (3 blocks each); more get one line each. */
export const DETAILED_LAYOUT_MAX_PROVIDERS = 10;
/** Budgets of the top-level fallback text (a notification: the first few providers are what matters). */
const FALLBACK_BUDGET = 2000;
const COMPACT_FALLBACK_BUDGET = 1000;
const NAME_IN_HEADER = 80;
const NAME_IN_LINE = 60;
const HEADLINE_IN_LINE = 100;

interface QuotaMessageInput {
  outcomes: ProviderOutcome[];
  now: Date;
  timeZone: string;
  /** The reader's language (English when not given, e.g. for the CLI). */
  locale?: Locale;
}

/** What every part of the message needs: the moment, the zone, and the words in the reader's language. */
interface Render {
  readonly now: Date;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly t: Catalogue['quota'];
  readonly whatToDo: string;
}

/**
 * The answer to `/quota`: per provider its audits left (with a bar), expedited audits, the assumed reset and a
 * warning when low or exhausted; failures explained in place. Up to 10 providers are shown in detail; more (or
 * ones whose detail would not fit) switch to a compact one-line-per-provider layout, most urgent first.
 */
export function buildQuotaMessage(input: QuotaMessageInput): SlackMessage {
  const { outcomes, now } = input;
  const locale = input.locale ?? DEFAULT_LOCALE;
  // Config validates the zone; should a bad one slip through, the label still names the zone actually used.
  const timeZone = isKnownTimeZone(input.timeZone) ? input.timeZone : DEFAULT_QUOTA_TIME_ZONE;
  const t = messagesFor(locale).quota;
  const r: Render = { now, timeZone, locale, t, whatToDo: t.whatToDo };
  if (outcomes.length === 0) {
    return { text: t.noProvidersToShow, blocks: [mrkdwnSection(t.noProvidersToShow)] };
  }
  if (outcomes.length <= DETAILED_LAYOUT_MAX_PROVIDERS) {
    const detailed: SlackMessage = {
      text: fallbackText(outcomes, '', FALLBACK_BUDGET, t),
      blocks: outcomes.flatMap((outcome) => detailedBlocks(outcome, r)),
    };
    if (fits(detailed)) return detailed;
  }
  return compactMessage([...outcomes].sort(byUrgency), r);
}

function fits(message: SlackMessage): boolean {
  return (
    message.blocks.length <= BLOCK_KIT_LIMITS.blocksPerMessage &&
    message.text.length + blocksTextLength(message.blocks) <= BLOCK_KIT_LIMITS.messageText
  );
}

function detailedBlocks(outcome: ProviderOutcome, r: Render): KnownBlock[] {
  const { now, timeZone, locale, t } = r;
  const header = headerBlock(plainText(displayName(outcome.name, NAME_IN_HEADER)));
  if (!outcome.ok) {
    const { failure } = outcome;
    return [
      header,
      mrkdwnSection(
        `:x: *${escapeMrkdwn(failure.headline, 200)}*\n${escapeMrkdwn(failure.detail, 1500)}\n` +
          `${r.whatToDo} ${escapeMrkdwn(failure.action, 1000)}`,
      ),
      mrkdwnContext([
        t.couldNotCheckAt({ when: slackDate(now, timeZone, locale), code: escapeMrkdwn(failure.code, 60) }),
      ]),
    ];
  }
  const { reading } = outcome;
  const lines = [
    `${quotaBar(reading.rest, reading.limit)}  ${t.auditsLeft({ rest: formatCount(reading.rest), limit: formatCount(reading.limit) })}`,
    t.expedited({
      rest: formatCount(reading.speedupRest),
      limit: formatCount(reading.speedupLimit),
      none: reading.speedupLimit === 0,
    }),
    resetLabel(now, timeZone, locale),
    ...warnings(reading, r),
  ];
  return [
    header,
    mrkdwnSection(lines.join('\n')),
    mrkdwnContext([t.checkedAt({ when: slackDate(reading.checkedAt, timeZone, locale) })]),
  ];
}

function warnings(reading: QuotaReading, { now, timeZone, locale, t }: Render): string[] {
  const out: string[] = [];
  const level = auditLevel(reading);
  if (level === 'exhausted') {
    out.push(t.exhausted({ resetDay: resetDay(now, timeZone, locale) }));
  } else if (level === 'low') {
    out.push(t.runningLow({ rest: formatCount(reading.rest), count: reading.rest }));
  }
  if (expeditedExhausted(reading)) out.push(t.expeditedExhausted);
  return out;
}

function compactMessage(sorted: ProviderOutcome[], r: Render): SlackMessage {
  const { now, timeZone, locale, t } = r;
  const counts = countLevels(sorted);
  const text = fallbackText(
    sorted,
    t.compactPrefix({ count: sorted.length, summary: summary(counts, false, t) }),
    COMPACT_FALLBACK_BUDGET,
    t,
  );
  const head: KnownBlock[] = [
    headerBlock(t.compactHeader({ count: sorted.length })),
    mrkdwnContext([summary(counts, true, t)]),
    mrkdwnContext([
      t.compactAsOf({ reset: resetLabel(now, timeZone, locale), when: slackDate(now, timeZone, locale) }),
    ]),
  ];
  const moreReserve = 120;
  let budget = BLOCK_KIT_LIMITS.messageText - text.length - blocksTextLength(head) - moreReserve;
  const maxSections = BLOCK_KIT_LIMITS.blocksPerMessage - head.length - 1;
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const outcome of sorted) {
    const line = compactLine(outcome, t);
    const added = current === '' ? line.length : line.length + 1;
    if (added > budget) break;
    if (current !== '' && current.length + added > BLOCK_KIT_LIMITS.sectionText) {
      if (sections.length + 1 >= maxSections) break;
      sections.push(current);
      current = line;
      budget -= line.length;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
      budget -= added;
    }
    shown += 1;
  }
  if (current !== '') sections.push(current);
  const blocks: KnownBlock[] = [...head, ...sections.map(plainSection)];
  const hidden = sorted.length - shown;
  if (hidden > 0) {
    blocks.push(mrkdwnSection(t.andMoreUseName({ hidden })));
  }
  return { text, blocks };
}

function compactLine(outcome: ProviderOutcome, t: Catalogue['quota']): string {
  const name = plainText(displayName(outcome.name, NAME_IN_LINE));
  if (!outcome.ok) {
    return t.compactFailed({ name, headline: plainText(outcome.failure.headline, HEADLINE_IN_LINE) });
  }
  const { reading } = outcome;
  const level = auditLevel(reading);
  const icon = level === 'exhausted' ? '🔴' : level === 'low' ? '🟠' : '🟢';
  let line = t.compactLine({ icon, name, ...readingNumbers(reading) });
  if (level === 'exhausted') line += t.compactSubmissionsFail;
  if (expeditedExhausted(reading)) line += t.compactExpeditingFails;
  return line;
}

type Counts = Record<QuotaLevel | 'failed', number>;

function countLevels(outcomes: ProviderOutcome[]): Counts {
  const counts: Counts = { exhausted: 0, failed: 0, low: 0, ok: 0 };
  for (const outcome of outcomes) counts[outcome.ok ? auditLevel(outcome.reading) : 'failed'] += 1;
  return counts;
}

/** "2 exhausted · 1 could not be checked · 3 running low · 194 ok", with status emoji in the blocks. */
function summary(counts: Counts, emoji: boolean, t: Catalogue['quota']): string {
  const parts: Array<[number, string, string]> = [
    [counts.exhausted, ':red_circle:', t.levelExhausted],
    [counts.failed, ':warning:', t.levelFailed],
    [counts.low, ':large_orange_circle:', t.levelLow],
    [counts.ok, ':large_green_circle:', t.levelOk],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, icon, label]) =>
      emoji ? `${icon} ${t.summaryItem({ count, label })}` : t.summaryItem({ count, label }),
    )
    .join(emoji ? ' · ' : t.summarySeparator);
}

const URGENCY: Record<QuotaLevel | 'failed', number> = { exhausted: 0, failed: 1, low: 2, ok: 3 };

/** Most urgent first: exhausted, could not check, low, ok; then fewest audits left; then by name. */
function byUrgency(a: ProviderOutcome, b: ProviderOutcome): number {
  const rank = (o: ProviderOutcome) => URGENCY[o.ok ? auditLevel(o.reading) : 'failed'];
  const rest = (o: ProviderOutcome) => (o.ok && Number.isFinite(o.reading.rest) ? o.reading.rest : 0);
  return rank(a) - rank(b) || rest(a) - rest(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Plain fallback that states the numbers: "Acme: 8 of 27 audits left, 0 of 0 expedited · …". */
function fallbackText(outcomes: ProviderOutcome[], prefix: string, budget: number, t: Catalogue['quota']): string {
  const items = outcomes.map((outcome) => {
    const name = escapeMrkdwn(displayName(outcome.name, NAME_IN_LINE));
    if (!outcome.ok) {
      return t.fallbackFailed({ name, headline: escapeMrkdwn(outcome.failure.headline, HEADLINE_IN_LINE) });
    }
    return t.fallbackReading({ name, ...readingNumbers(outcome.reading) });
  });
  let text = '';
  for (const [index, item] of items.entries()) {
    const candidate = text === '' ? item : `${text} · ${item}`;
    const remaining = items.length - index - 1;
    const reserve = remaining > 0 ? t.andMore({ count: remaining }).length : 0;
    if (prefix.length + candidate.length + reserve > budget) {
      return `${prefix}${text === '' ? t.fallbackTitle : text}${t.andMore({ count: items.length - index })}`;
    }
    text = candidate;
  }
  return prefix + text;
}
