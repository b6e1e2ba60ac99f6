import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeliveryKind, DeliveryStatus } from '../digest/types.js';
import type { DatabaseSchema, DeliveryRow } from './schema.js';

// The exactly-once ledger. Every write is one statement whose WHERE re-checks what the caller believes, so the
// database decides every race between processes; every query filters on team_id.

type Db = Kysely<DatabaseSchema>;

/** Identifies one digest slot or one alert firing. */
export interface DeliveryKey {
  readonly teamId: string;
  readonly kind: DeliveryKind;
  readonly targetId: string;
  readonly periodKey: string;
}

export interface ClaimInput extends DeliveryKey {
  readonly channelId: string;
  readonly scheduledFor: Date;
  readonly now: Date;
  /** A claim older than this that was never finished belongs to a process that died: it may be taken over. */
  readonly leaseMs: number;
  /** Unique per run: finishing a delivery checks the claim is still ours. */
  readonly claimToken: string;
}

/** The outcome of a claim: ours to post, or where the delivery stands. */
export type ClaimResult =
  /** `attempts` counts this one: 1 for a first claim. */
  | { readonly claimed: true; readonly attempts: number }
  | { readonly claimed: false; readonly status: DeliveryStatus | null };

/**
 * Claims the delivery: a new row, a stale claim (its process died), or a retry whose time has come. Exactly one of
 * several racing callers gets `claimed: true`.
 */
export async function claimDelivery(db: Db, input: ClaimInput): Promise<ClaimResult> {
  const now = input.now.toISOString();
  const staleBefore = new Date(input.now.getTime() - input.leaseMs).toISOString();
  const result = await db
    .insertInto('deliveries')
    .values({
      id: randomUUID(),
      team_id: input.teamId,
      kind: input.kind,
      target_id: input.targetId,
      period_key: input.periodKey,
      channel_id: input.channelId,
      status: 'claimed',
      scheduled_for: input.scheduledFor.toISOString(),
      claimed_at: now,
      claim_token: input.claimToken,
      attempts: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'kind', 'target_id', 'period_key'])
        .doUpdateSet((eb) => ({
          status: 'claimed',
          claimed_at: now,
          claim_token: input.claimToken,
          channel_id: input.channelId,
          attempts: eb(eb.ref('deliveries.attempts'), '+', 1),
          retry_at: null,
        }))
        .where((eb) =>
          eb.or([
            eb.and([eb('deliveries.status', '=', 'claimed'), eb('deliveries.claimed_at', '<', staleBefore)]),
            eb.and([eb('deliveries.status', '=', 'retry'), eb('deliveries.retry_at', '<=', now)]),
          ]),
        ),
    )
    .returning('attempts')
    .executeTakeFirst();
  if (result !== undefined) return { claimed: true, attempts: Number(result.attempts) };
  const existing = await findDelivery(db, input);
  return { claimed: false, status: existing === null ? null : (existing.status as DeliveryStatus) };
}

/** How a claimed delivery ended. */
export type DeliveryOutcome =
  | { readonly status: 'delivered'; readonly messageTs: string | null }
  | { readonly status: 'retry'; readonly retryAt: Date; readonly detail: string }
  | { readonly status: 'failed'; readonly detail: string };

/** Records the outcome of our claim; false when the claim was no longer ours (taken over after the lease). */
export async function finishDelivery(
  db: Db,
  key: DeliveryKey & { claimToken: string; now: Date },
  outcome: DeliveryOutcome,
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({
      status: outcome.status,
      finished_at: outcome.status === 'retry' ? null : key.now.toISOString(),
      message_ts: outcome.status === 'delivered' ? outcome.messageTs : null,
      retry_at: outcome.status === 'retry' ? outcome.retryAt.toISOString() : null,
      detail: outcome.status === 'delivered' ? null : outcome.detail,
    })
    .where('team_id', '=', key.teamId)
    .where('kind', '=', key.kind)
    .where('target_id', '=', key.targetId)
    .where('period_key', '=', key.periodKey)
    .where('status', '=', 'claimed')
    .where('claim_token', '=', key.claimToken)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface SkipInput extends DeliveryKey {
  readonly channelId: string;
  readonly scheduledFor: Date;
  readonly now: Date;
  readonly leaseMs: number;
  readonly detail: string;
}

/**
 * Records a slot as skipped (too late to be useful), so it shows in the ledger instead of vanishing; also closes a
 * retry or a dead claim of that slot. True when this call recorded the skip.
 */
export async function recordSkipped(db: Db, input: SkipInput): Promise<boolean> {
  const now = input.now.toISOString();
  const staleBefore = new Date(input.now.getTime() - input.leaseMs).toISOString();
  const result = await db
    .insertInto('deliveries')
    .values({
      id: randomUUID(),
      team_id: input.teamId,
      kind: input.kind,
      target_id: input.targetId,
      period_key: input.periodKey,
      channel_id: input.channelId,
      status: 'skipped',
      scheduled_for: input.scheduledFor.toISOString(),
      attempts: 0,
      finished_at: now,
      detail: input.detail,
    })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'kind', 'target_id', 'period_key'])
        .doUpdateSet({ status: 'skipped', finished_at: now, detail: input.detail, retry_at: null })
        .where((eb) =>
          eb.or([
            eb('deliveries.status', '=', 'retry'),
            eb.and([eb('deliveries.status', '=', 'claimed'), eb('deliveries.claimed_at', '<', staleBefore)]),
          ]),
        ),
    )
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** One delivery as stored. */
export interface Delivery extends DeliveryKey {
  readonly channelId: string;
  readonly status: DeliveryStatus;
  readonly scheduledFor: Date;
  readonly attempts: number;
  readonly finishedAt: Date | null;
  readonly detail: string | null;
}

/** The delivery with this key, or null. */
export async function findDelivery(db: Db, key: DeliveryKey): Promise<Delivery | null> {
  const row = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('team_id', '=', key.teamId)
    .where('kind', '=', key.kind)
    .where('target_id', '=', key.targetId)
    .where('period_key', '=', key.periodKey)
    .executeTakeFirst();
  return row === undefined ? null : toDelivery(row);
}

/** The team's deliveries (optionally of one target), oldest slot first. */
export async function listDeliveries(db: Db, teamId: string, options: { targetId?: string } = {}): Promise<Delivery[]> {
  let query = db.selectFrom('deliveries').selectAll().where('team_id', '=', teamId);
  if (options.targetId !== undefined) query = query.where('target_id', '=', options.targetId);
  const rows = await query.orderBy('scheduled_for').orderBy('period_key').execute();
  return rows.map(toDelivery);
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    teamId: row.team_id,
    kind: row.kind as DeliveryKind,
    targetId: row.target_id,
    periodKey: row.period_key,
    channelId: row.channel_id,
    status: row.status as DeliveryStatus,
    scheduledFor: new Date(row.scheduled_for),
    attempts: row.attempts,
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    detail: row.detail,
  };
}
