import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { packLines } from './line-sections.js';
import { userMention } from './refusal-message.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** One bot admin as `/quota admins list` shows them. */
export interface ListedAdmin {
  readonly userId: string;
  readonly addedBy: string;
  readonly addedAt: Date;
}

// A few sections of lines keep the list well inside Block Kit's limits whatever the number of admins.
const LIST_TEXT_BUDGET = 6000;
const LIST_MAX_SECTIONS = 3;

/** A short answer: one line with an icon-bearing text, and optional hints underneath (e.g. the usage). */
export function buildAdminNotice(input: { text: string; hints?: readonly string[] }): SlackMessage {
  return {
    text: input.text,
    blocks: [mrkdwnSection(input.text), ...(input.hints && input.hints.length > 0 ? [mrkdwnContext(input.hints)] : [])],
  };
}

/** The answer to `/quota admins list`: Slack's admins and owners, then the people they added, with who and when. */
export function buildAdminsListMessage(input: { locale: Locale; admins: readonly ListedAdmin[] }): SlackMessage {
  const m = messagesFor(input.locale).admin;
  const lines = input.admins.map((a) =>
    m.listEntry({ user: mention(a.userId), addedBy: mention(a.addedBy), date: slackDate(a.addedAt) }),
  );
  const packed = packLines([m.listSlackAdmins, ...lines], LIST_TEXT_BUDGET, LIST_MAX_SECTIONS);
  const hidden = lines.length + 1 - packed.shown;
  const footer = [
    ...(hidden > 0 ? [m.listMore({ count: hidden })] : []),
    input.admins.length === 0 ? m.listNone : m.listHowTo,
  ];
  const [first = '', ...rest] = packed.sections;
  return {
    text: `${stripMrkdwn(m.listTitle)}: ${[m.listSlackAdmins, ...lines.slice(0, 20)].join(' ').slice(0, 2000)}`,
    blocks: [
      mrkdwnSection(`${m.listTitle}\n${first}`),
      ...rest.map((section) => mrkdwnSection(section)),
      mrkdwnContext(footer),
    ],
  };
}

/** The answer to `/quota language [LANG]`: what is set (or just changed), and the rule that picks a language. */
export function buildLanguageMessage(input: {
  locale: Locale;
  current: Locale | null;
  outcome: 'shown' | 'changed' | 'unchanged' | { unknown: string };
}): SlackMessage {
  const m = messagesFor(input.locale).admin;
  const language = messagesFor(input.current ?? 'en').common.languageName;
  let headline: string;
  if (typeof input.outcome === 'object') {
    headline = `${m.languageUnknown({ input: escapeMrkdwn(input.outcome.unknown, 40) })} ${m.languageHowTo}`;
  } else if (input.outcome === 'changed') {
    headline = m.languageSet({ language });
  } else if (input.outcome === 'unchanged') {
    headline = m.languageUnchanged({ language });
  } else {
    headline = input.current === null ? m.languageNotSet : m.languageCurrent({ language });
  }
  const hints = input.outcome === 'shown' ? [m.languageRule, m.languageHowTo] : [m.languageRule];
  return buildAdminNotice({ text: headline, hints });
}

/** A user mention, or the id as code when it is not one (never trust stored text to be mrkdwn-safe). */
function mention(userId: string): string {
  return userMention(userId) ?? `\`${escapeMrkdwn(userId, 40).replace(/`/g, '')}\``;
}

/** Slack renders the date in the reader's own locale and time zone; the fallback is the UTC date. */
function slackDate(at: Date): string {
  const epoch = Math.floor(at.getTime() / 1000);
  return `<!date^${epoch}^{date_short}|${at.toISOString().slice(0, 10)}>`;
}

function stripMrkdwn(text: string): string {
  return text.replace(/[*_]/g, '');
}
