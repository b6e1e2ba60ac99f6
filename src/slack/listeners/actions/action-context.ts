import type { BlockAction } from '@slack/bolt';

/**
 * The workspace and user of a click, from the signed payload only: never from a button's value, which anyone can
 * forge, so a click can only ever reach its own workspace's data.
 */
export function whoClicked(body: BlockAction): { teamId: string; userId: string } {
  return { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
}

/** The clicked button's value ('' when there is none). */
export function buttonValue(action: unknown): string {
  const value = (action as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : '';
}
