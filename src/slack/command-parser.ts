/** What a user asked for with `/quota …` or by mentioning the bot. */
export type QuotaCommand =
  | { kind: 'all' }
  | { kind: 'one'; name: string }
  | { kind: 'help' }
  /**
   * A reserved command word (`subscribe #ops mon 09:00`): `name` lower-cased, `args` the rest as Slack sent it
   * (still escaped, so `<#C123|ops>` and `<@U123>` references survive). A subcommand with no handler registered
   * is answered as not available — reported as missing, never faked.
   */
  | { kind: 'subcommand'; name: string; args: string }
  /** Text that cannot be a provider name; `reason` is a full sentence to show the user. */
  | { kind: 'invalid'; reason: string; problem: NameProblem };

/** Why text cannot be a provider name, for answers in the user's language (`reason` is the English sentence). */
export type NameProblem = { kind: 'control' } | { kind: 'too-long'; length: number; max: number };

/**
 * Words that start a command rather than a provider name (`help` works; the others are not built yet). A provider
 * name whose first word is one of these could never be asked for by name, so such names are refused.
 */
export const RESERVED_WORDS: readonly string[] = Object.freeze([
  'help',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'alert',
  'setup',
  'status',
  'admins',
  'language',
]);

/** Longest provider name, in code points. */
export const MAX_PROVIDER_NAME_LENGTH = 80;

const HELP_WORDS = new Set(['help', '?']);
const MENTION_KEYWORD = 'quota';
// The same rule as stored names (quota/provider-name.ts): no C0/C1 control characters.
const CONTROL = /\p{Cc}/u;

/** True when `name` cannot be a provider name because its first word is a command word (or `?`). */
export function isReservedName(name: string): boolean {
  const first = collapse(name).split(' ')[0]?.toLowerCase() ?? '';
  return HELP_WORDS.has(first) || RESERVED_WORDS.includes(first);
}

/**
 * Parses the text of `/quota …` (sent with `should_escape: true`): '' → all, `help`/`?` → help, a reserved word
 * → subcommand, anything else is a provider name (trimmed, inner whitespace collapsed, Slack escaping undone).
 */
export function parseQuotaCommand(text: string): QuotaCommand {
  const collapsed = collapse(unwrapLinks(String(text ?? '')));
  if (collapsed === '') return { kind: 'all' };
  const first = (collapsed.split(' ')[0] ?? '').toLowerCase();
  if (HELP_WORDS.has(first)) return { kind: 'help' };
  if (RESERVED_WORDS.includes(first)) {
    return { kind: 'subcommand', name: first, args: collapsed.slice(collapsed.indexOf(' ') + 1 || collapsed.length) };
  }
  const name = unescapeSlack(collapsed).normalize('NFC');
  if (CONTROL.test(name)) {
    return {
      kind: 'invalid',
      reason: 'A provider name cannot contain control characters.',
      problem: { kind: 'control' },
    };
  }
  const length = [...name].length;
  if (length > MAX_PROVIDER_NAME_LENGTH) {
    return {
      kind: 'invalid',
      reason: `That provider name is ${length} characters long; names have at most ${MAX_PROVIDER_NAME_LENGTH}.`,
      problem: { kind: 'too-long', length, max: MAX_PROVIDER_NAME_LENGTH },
    };
  }
  return { kind: 'one', name };
}

/**
 * Parses an app_mention: `<@BOT> quota [NAME]` → all/one, `<@BOT> help` → help; the bot's mention may carry a
 * label (`<@U1|bot>`) and sit anywhere (`hey <@BOT> quota`, `quota Acme <@BOT>`). Anything else → help.
 */
export function parseMention(text: string, botUserId: string): QuotaCommand {
  const raw = String(text ?? '');
  const ours = new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'gi');
  // An app_mention always mentions the bot; if its id is unknown or differs, any user mention stands in for it.
  const mention = botUserId !== '' && ours.test(raw) ? ours : /<@[UW][A-Z0-9]*(?:\|[^>]*)?>/gi;
  mention.lastIndex = 0;
  const first = mention.exec(raw);
  mention.lastIndex = 0;
  const candidates: string[] = [];
  // Prefer what follows the bot's mention ("hey <@BOT> quota Acme"), then the whole text without it.
  if (first) candidates.push(raw.slice(first.index + first[0].length));
  candidates.push(raw);
  for (const candidate of candidates) {
    const [head = '', ...rest] = collapse(candidate.replace(mention, ' ').replace(/^[\s:,;.!-]+/u, '')).split(' ');
    if (head === '?') return { kind: 'help' };
    const keyword = head.toLowerCase().replace(/[:,;.!?]+$/u, '');
    if (keyword === MENTION_KEYWORD) return parseQuotaCommand(rest.join(' '));
    if (HELP_WORDS.has(keyword)) return { kind: 'help' };
  }
  return { kind: 'help' };
}

/** Trims and collapses every run of whitespace (spaces, tabs, newlines, NBSP…) into one space. */
function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Slack escapes `&`, `<` and `>` in command and message text; a stored name has the real characters. */
function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, entity: string) => (entity === 'amp' ? '&' : entity === 'lt' ? '<' : '>'));
}

/** Slack turns a typed `acme.com` into `<http://acme.com|acme.com>`: the user meant what they typed. */
function unwrapLinks(text: string): string {
  return text.replace(
    /<((?:https?|mailto):[^|>\s]*)(?:\|([^>]*))?>/gi,
    (_, url: string, label?: string) => label ?? url,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
