import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AlertThreshold, QuotaAlert } from '../digest/types.js';
import type { DatabaseSchema, QuotaAlertRow } from './schema.js';

// Every query filters on team_id, except listActiveAlerts: the scheduler's entry point across workspaces.

type Db = Kysely<DatabaseSchema>;

export interface SaveAlertInput {
  readonly teamId: string;
  readonly channelId: string;
  readonly threshold: AlertThreshold;
  readonly setBy: string | null;
  readonly now: Date;
}

/** Sets (or changes, and resumes) the channel's alert threshold. */
export async function saveAlert(db: Db, input: SaveAlertInput): Promise<{ alert: QuotaAlert; replaced: boolean }> {
  const existed = await findAlert(db, input.teamId, input.channelId);
  const now = input.now.toISOString();
  const changes = {
    threshold: input.threshold.value,
    unit: input.threshold.unit,
    set_by: input.setBy,
    paused_at: null,
    paused_reason: null,
    updated_at: now,
  };
  await db
    .insertInto('quota_alerts')
    .values({ id: randomUUID(), team_id: input.teamId, channel_id: input.channelId, created_at: now, ...changes })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doUpdateSet(changes))
    .execute();
  const saved = await findAlert(db, input.teamId, input.channelId);
  if (saved === null) throw new Error(`alert of ${input.channelId} vanished while being saved`);
  return { alert: saved, replaced: existed !== null };
}

/** The channel's alert, or null. */
export async function findAlert(db: Db, teamId: string, channelId: string): Promise<QuotaAlert | null> {
  const row = await db
    .selectFrom('quota_alerts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row === undefined ? null : toAlert(row);
}

/** The team's alerts, by channel id. */
export async function listAlerts(db: Db, teamId: string): Promise<QuotaAlert[]> {
  const rows = await db
    .selectFrom('quota_alerts')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('channel_id')
    .execute();
  return rows.map(toAlert);
}

/** Turns the channel's alert off (its per-provider state goes with it); false when there was none. */
export async function removeAlert(db: Db, teamId: string, channelId: string): Promise<boolean> {
  const alert = await findAlert(db, teamId, channelId);
  if (alert === null) return false;
  // The foreign key cascades too; deleting explicitly keeps this correct even where foreign keys are off.
  await db.deleteFrom('alert_states').where('team_id', '=', teamId).where('alert_id', '=', alert.id).execute();
  const result = await db
    .deleteFrom('quota_alerts')
    .where('team_id', '=', teamId)
    .where('id', '=', alert.id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Every workspace's alerts that are not paused. */
export async function listActiveAlerts(db: Db): Promise<QuotaAlert[]> {
  const rows = await db
    .selectFrom('quota_alerts')
    .selectAll()
    .where('paused_at', 'is', null)
    .orderBy('team_id')
    .orderBy('channel_id')
    .execute();
  return rows.map(toAlert);
}

/** Pauses the alert; true only for the caller that paused it. */
export async function pauseAlert(db: Db, teamId: string, id: string, reason: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('quota_alerts')
    .set({ paused_at: now.toISOString(), paused_reason: reason })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('paused_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

function toAlert(row: QuotaAlertRow): QuotaAlert {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    threshold: { unit: row.unit === 'percent' ? 'percent' : 'count', value: row.threshold },
    setBy: row.set_by,
    pausedAt: row.paused_at === null ? null : new Date(row.paused_at),
    pausedReason: row.paused_reason,
  };
}
