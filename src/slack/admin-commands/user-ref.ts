/** What the text after `/quota admins add|remove` names. */
export type UserRef = { ok: true; userId: string } | { ok: false; reason: 'none' | 'several' };

// Slack escapes a mention as <@U123> or <@U123|name> (should_escape: true); Enterprise Grid ids start with W.
const MENTION = /<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>/g;

/** The one user mentioned in `args`; a bare `@name` (not escaped by Slack) names no one we can look up. */
export function parseUserRef(args: string): UserRef {
  const ids = new Set([...String(args).matchAll(MENTION)].map((match) => match[1] as string));
  if (ids.size === 0) return { ok: false, reason: 'none' };
  if (ids.size > 1) return { ok: false, reason: 'several' };
  return { ok: true, userId: [...ids][0] as string };
}
