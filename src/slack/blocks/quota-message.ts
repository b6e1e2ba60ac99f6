import type { KnownBlock } from '@slack/types';
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
import { formatCount, isKnownTimeZone, quotaBar, resetDay, resetLabel, slackDate } from './quota-format.js';
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
}

/**
 * The answer to `/quota`: per provider its audits left (with a bar), expedited audits, the assumed reset and a
 * warning when low or exhausted; failures explained in place. Up to 10 providers are shown in detail; more (or
 * ones whose detail would not fit) switch to a compact one-line-per-provider layout, most urgent first.
 */
export function buildQuotaMessage(input: QuotaMessageInput): SlackMessage {
  const { outcomes, now } = input;
  // Config validates the zone; should a bad one slip through, the label still names the zone actually used.
  const timeZone = isKnownTimeZone(input.timeZone) ? input.timeZone : DEFAULT_QUOTA_TIME_ZONE;
  if (outcomes.length === 0) {
    return { text: 'No WeChat providers to show.', blocks: [mrkdwnSection('No WeChat providers to show.')] };
  }
  if (outcomes.length <= DETAILED_LAYOUT_MAX_PROVIDERS) {
    const detailed: SlackMessage = {
      text: fallbackText(outcomes, '', FALLBACK_BUDGET),
      blocks: outcomes.flatMap((outcome) => detailedBlocks(outcome, now, timeZone)),
    };
    if (fits(detailed)) return detailed;
  }
  return compactMessage([...outcomes].sort(byUrgency), now, timeZone);
}

function fits(message: SlackMessage): boolean {
  return (
    message.blocks.length <= BLOCK_KIT_LIMITS.blocksPerMessage &&
    message.text.length + blocksTextLength(message.blocks) <= BLOCK_KIT_LIMITS.messageText
  );
}

function detailedBlocks(outcome: ProviderOutcome, now: Date, timeZone: string): KnownBlock[] {
  const header = headerBlock(plainText(displayName(outcome.name, NAME_IN_HEADER)));
  if (!outcome.ok) {
    const { failure } = outcome;
    return [
      header,
      mrkdwnSection(
        `:x: *${escapeMrkdwn(failure.headline, 200)}*\n${escapeMrkdwn(failure.detail, 1500)}\n` +
          `*What to do:* ${escapeMrkdwn(failure.action, 1000)}`,
      ),
      mrkdwnContext([`Could not check ${slackDate(now, timeZone)} · code \`${escapeMrkdwn(failure.code, 60)}\``]),
    ];
  }
  const { reading } = outcome;
  const lines = [
    `${quotaBar(reading.rest, reading.limit)}  *${formatCount(reading.rest)} of ${formatCount(reading.limit)}* audits left`,
    `Expedited: *${formatCount(reading.speedupRest)} of ${formatCount(reading.speedupLimit)}*` +
      (reading.speedupLimit === 0 ? ' (none this month)' : ''),
    capitalize(resetLabel(now, timeZone)),
    ...warnings(reading, now, timeZone),
  ];
  return [
    header,
    mrkdwnSection(lines.join('\n')),
    mrkdwnContext([`Checked ${slackDate(reading.checkedAt, timeZone)}`]),
  ];
}

function warnings(reading: QuotaReading, now: Date, timeZone: string): string[] {
  const out: string[] = [];
  const level = auditLevel(reading);
  if (level === 'exhausted') {
    out.push(
      `:no_entry: *No audits left.* Submitting code for audit fails with errcode 85085 until the quota resets ` +
        `(${resetDay(now, timeZone)}, assumed).`,
    );
  } else if (level === 'low') {
    out.push(`:warning: *Running low:* only ${formatCount(reading.rest)} ${plural(reading.rest, 'audit')} left.`);
  }
  if (expeditedExhausted(reading)) {
    out.push(':warning: *No expedited audits left.* Expediting fails with errcode 89405 until the quota resets.');
  }
  return out;
}

function compactMessage(sorted: ProviderOutcome[], now: Date, timeZone: string): SlackMessage {
  const counts = countLevels(sorted);
  const text = fallbackText(
    sorted,
    `${sorted.length} providers (${summary(counts, false)}): `,
    COMPACT_FALLBACK_BUDGET,
  );
  const head: KnownBlock[] = [
    headerBlock(`WeChat audit quota · ${sorted.length} providers`),
    mrkdwnContext([summary(counts, true)]),
    mrkdwnContext([`${capitalize(resetLabel(now, timeZone))} · as of ${slackDate(now, timeZone)}`]),
  ];
  const moreReserve = 120;
  let budget = BLOCK_KIT_LIMITS.messageText - text.length - blocksTextLength(head) - moreReserve;
  const maxSections = BLOCK_KIT_LIMITS.blocksPerMessage - head.length - 1;
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const outcome of sorted) {
    const line = compactLine(outcome);
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
    blocks.push(mrkdwnSection(`…and ${hidden} more — use \`/quota NAME\` to see one provider.`));
  }
  return { text, blocks };
}

function compactLine(outcome: ProviderOutcome): string {
  const name = plainText(displayName(outcome.name, NAME_IN_LINE));
  if (!outcome.ok) {
    return `⚠️ ${name} — could not check: ${plainText(outcome.failure.headline, HEADLINE_IN_LINE)}`;
  }
  const { reading } = outcome;
  const level = auditLevel(reading);
  const icon = level === 'exhausted' ? '🔴' : level === 'low' ? '🟠' : '🟢';
  let line =
    `${icon} ${name} — ${formatCount(reading.rest)} of ${formatCount(reading.limit)} audits left · ` +
    `expedited ${formatCount(reading.speedupRest)} of ${formatCount(reading.speedupLimit)}`;
  if (level === 'exhausted') line += ' · submissions fail (85085)';
  if (expeditedExhausted(reading)) line += ' · expediting fails (89405)';
  return line;
}

type Counts = Record<QuotaLevel | 'failed', number>;

function countLevels(outcomes: ProviderOutcome[]): Counts {
  const counts: Counts = { exhausted: 0, failed: 0, low: 0, ok: 0 };
  for (const outcome of outcomes) counts[outcome.ok ? auditLevel(outcome.reading) : 'failed'] += 1;
  return counts;
}

/** "2 exhausted · 1 could not be checked · 3 running low · 194 ok", with status emoji in the blocks. */
function summary(counts: Counts, emoji: boolean): string {
  const parts: Array<[number, string, string]> = [
    [counts.exhausted, ':red_circle:', 'exhausted'],
    [counts.failed, ':warning:', 'could not be checked'],
    [counts.low, ':large_orange_circle:', 'running low'],
    [counts.ok, ':large_green_circle:', 'ok'],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, icon, label]) => (emoji ? `${icon} ${count} ${label}` : `${count} ${label}`))
    .join(emoji ? ' · ' : ', ');
}

const URGENCY: Record<QuotaLevel | 'failed', number> = { exhausted: 0, failed: 1, low: 2, ok: 3 };

/** Most urgent first: exhausted, could not check, low, ok; then fewest audits left; then by name. */
function byUrgency(a: ProviderOutcome, b: ProviderOutcome): number {
  const rank = (o: ProviderOutcome) => URGENCY[o.ok ? auditLevel(o.reading) : 'failed'];
  const rest = (o: ProviderOutcome) => (o.ok && Number.isFinite(o.reading.rest) ? o.reading.rest : 0);
  return rank(a) - rank(b) || rest(a) - rest(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Plain fallback that states the numbers: "Acme: 8 of 27 audits left, 0 of 0 expedited · …". */
function fallbackText(outcomes: ProviderOutcome[], prefix: string, budget: number): string {
  const items = outcomes.map((outcome) => {
    const name = escapeMrkdwn(displayName(outcome.name, NAME_IN_LINE));
    if (!outcome.ok) return `${name}: could not check (${escapeMrkdwn(outcome.failure.headline, HEADLINE_IN_LINE)})`;
    const { reading } = outcome;
    return (
      `${name}: ${formatCount(reading.rest)} of ${formatCount(reading.limit)} audits left, ` +
      `${formatCount(reading.speedupRest)} of ${formatCount(reading.speedupLimit)} expedited`
    );
  });
  let text = '';
  for (const [index, item] of items.entries()) {
    const candidate = text === '' ? item : `${text} · ${item}`;
    const remaining = items.length - index - 1;
    const reserve = remaining > 0 ? ` · …and ${remaining} more`.length : 0;
    if (prefix.length + candidate.length + reserve > budget) {
      return `${prefix}${text === '' ? 'WeChat audit quota' : text} · …and ${items.length - index} more`;
    }
    text = candidate;
  }
  return prefix + text;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
