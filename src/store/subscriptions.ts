import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nextSlotAfter } from '../digest/schedule.js';
import type { Subscription, WeeklySchedule } from '../digest/types.js';
import type { DatabaseSchema, DigestSubscriptionRow } from './schema.js';

// Every query filters on team_id, except listDueSubscriptions: the scheduler's entry point, which must find due
// work across workspaces and returns rows that carry their team id for every query that follows.

type Db = Kysely<DatabaseSchema>;

export interface SaveSubscriptionInput {
  readonly teamId: string;
  readonly channelId: string;
  readonly schedule: WeeklySchedule;
  readonly subscribedBy: string | null;
  readonly now: Date;
}

/**
 * Subscribes a channel, or changes its schedule (and resumes it when paused). The first digest is the first slot
 * after `now`: subscribing at 09:05 on a Monday does not post "this Monday's" digest five minutes late.
 */
export async function saveSubscription(
  db: Db,
  input: SaveSubscriptionInput,
): Promise<{ subscription: Subscription; replaced: boolean }> {
  const existed = await findSubscription(db, input.teamId, input.channelId);
  const now = input.now.toISOString();
  const { schedule } = input;
  const changes = {
    weekday: schedule.weekday,
    hour: schedule.hour,
    minute: schedule.minute,
    time_zone: schedule.timeZone,
    subscribed_by: input.subscribedBy,
    next_due_at: nextSlotAfter(schedule, input.now).toISOString(),
    paused_at: null,
    paused_reason: null,
    updated_at: now,
  };
  await db
    .insertInto('digest_subscriptions')
    .values({ id: randomUUID(), team_id: input.teamId, channel_id: input.channelId, created_at: now, ...changes })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doUpdateSet(changes))
    .execute();
  const saved = await findSubscription(db, input.teamId, input.channelId);
  if (saved === null) throw new Error(`subscription of ${input.channelId} vanished while being saved`);
  return { subscription: saved, replaced: existed !== null };
}

/** The team's subscriptions, by channel id. */
export async function listSubscriptions(db: Db, teamId: string): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('digest_subscriptions')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('channel_id')
    .execute();
  return rows.map(toSubscription);
}

/** The channel's subscription, or null. */
export async function findSubscription(db: Db, teamId: string, channelId: string): Promise<Subscription | null> {
  const row = await db
    .selectFrom('digest_subscriptions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row === undefined ? null : toSubscription(row);
}

/** Unsubscribes the channel; false when it was not subscribed. */
export async function removeSubscription(db: Db, teamId: string, channelId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('digest_subscriptions')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Active subscriptions of every workspace whose next slot is at or before `at`, most overdue first. */
export async function listDueSubscriptions(db: Db, at: Date, limit = 50_000): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('digest_subscriptions')
    .selectAll()
    .where('next_due_at', '<=', at.toISOString())
    .where('paused_at', 'is', null)
    .orderBy('next_due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toSubscription);
}

/** Moves the cursor from `from` to `to` unless someone moved it already (compare-and-set); true when moved. */
export async function advanceSubscription(db: Db, teamId: string, id: string, from: Date, to: Date): Promise<boolean> {
  const result = await db
    .updateTable('digest_subscriptions')
    .set({ next_due_at: to.toISOString() })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('next_due_at', '=', from.toISOString())
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Pauses the subscription; true only for the caller that paused it (so one process tells the subscriber). */
export async function pauseSubscription(
  db: Db,
  teamId: string,
  id: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('digest_subscriptions')
    .set({ paused_at: now.toISOString(), paused_reason: reason })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('paused_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

function toSubscription(row: DigestSubscriptionRow): Subscription {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    schedule: { weekday: row.weekday, hour: row.hour, minute: row.minute, timeZone: row.time_zone },
    subscribedBy: row.subscribed_by,
    nextDueAt: new Date(row.next_due_at),
    pausedAt: row.paused_at === null ? null : new Date(row.paused_at),
    pausedReason: row.paused_reason,
    createdAt: new Date(row.created_at),
  };
}
