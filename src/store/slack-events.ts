import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

type Db = Kysely<DatabaseSchema>;

export interface ClaimEventInput {
  readonly eventId: string;
  readonly teamId: string;
  readonly now: Date;
  /** A claim that has not completed after this long is presumed dead (its process crashed) and may be taken over. */
  readonly staleAfterMs: number;
}

/**
 * true when this caller should handle the event: first claim, or a previous claim that never completed and is older
 * than staleAfterMs (compare-and-set, so only one of several racing processes takes over).
 */
export async function claimEvent(db: Db, input: ClaimEventInput): Promise<boolean> {
  const claimedAt = input.now.toISOString();
  const staleBefore = new Date(input.now.getTime() - input.staleAfterMs).toISOString();
  // One statement, so the database decides the race: inserting a new row, or taking over a stale claim whose
  // conditions are re-checked under the row lock, counts one affected row; every other outcome counts none.
  const result = await db
    .insertInto('slack_events')
    .values({ event_id: input.eventId, team_id: input.teamId, claimed_at: claimedAt, completed_at: null })
    .onConflict((oc) =>
      oc
        .column('event_id')
        .doUpdateSet({ claimed_at: claimedAt })
        .where('slack_events.completed_at', 'is', null)
        .where('slack_events.claimed_at', '<', staleBefore),
    )
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** Marks the event handled, so it is never claimed again. */
export async function completeEvent(db: Db, eventId: string, now: Date): Promise<void> {
  await db
    .updateTable('slack_events')
    .set({ completed_at: now.toISOString() })
    .where('event_id', '=', eventId)
    .execute();
}

/** Forgets claims made before `olderThan` (Slack stops retrying after minutes); returns how many were removed. */
export async function pruneEvents(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('slack_events')
    .where('claimed_at', '<', olderThan.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
