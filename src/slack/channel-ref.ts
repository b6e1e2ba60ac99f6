import { messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';

/** A channel as the user named it: an id Slack escaped for us (`<#C123|ops>`), or a bare `#name` to look up. */
export type ChannelRef =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'name'; readonly name: string };

// Public (C), private (G) channels; D (a direct message) is recognised so it can be refused with a reason.
const ESCAPED = /^<#([CGD][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
const BARE_ID = /^[CG][A-Z0-9]{8,}$/;
// Slack channel names: lower-case letters (any script), digits, hyphens, underscores, periods; at most 80.
const NAME = /^#([\p{L}\p{N}_.-]{1,80})$/u;

/** True when `token` is meant as a channel (starts with `<#` or `#`), valid or not. */
export function looksLikeChannel(token: string): boolean {
  return token.startsWith('<#') || token.startsWith('#');
}

/** Parses one token: `<#C123|name>`, `<#C123>`, `#name`, or a bare id (`C0123ABCD`, as the CLI takes); else null. */
export function parseChannelRef(token: string): ChannelRef | null {
  const escaped = ESCAPED.exec(token);
  if (escaped) return { kind: 'id', id: escaped[1] as string };
  if (BARE_ID.test(token)) return { kind: 'id', id: token };
  const named = NAME.exec(token);
  if (named) return { kind: 'name', name: (named[1] as string).toLowerCase() };
  return null;
}

/** How a channel reference reads in an error message: `#ops`, or the token as typed (cut short). */
export function describeChannelToken(token: string): string {
  return token.length > 60 ? `${token.slice(0, 59)}…` : token;
}

/** `[#channel]` alone (unsubscribe): the channel or null for "this channel", or a problem in words. */
export function parseOptionalChannel(
  args: string,
  locale: Locale = DEFAULT_LOCALE,
): { ok: true; channel: ChannelRef | null } | { ok: false; problem: string } {
  const t = messagesFor(locale).problems;
  const tokens = args.split(' ').filter((t) => t !== '');
  if (tokens.length === 0) return { ok: true, channel: null };
  const [first, ...rest] = tokens;
  const channel = parseChannelRef(first as string);
  if (channel === null) {
    return { ok: false, problem: t.notAChannel({ token: describeChannelToken(first as string) }) };
  }
  if (rest.length > 0)
    return { ok: false, problem: t.unexpectedAfterChannel({ token: describeChannelToken(rest.join(' ')) }) };
  return { ok: true, channel };
}
