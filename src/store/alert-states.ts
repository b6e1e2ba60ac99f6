import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

type Db = Kysely<DatabaseSchema>;

/** Which crossing of which quota month an alert is armed for, for one provider. */
export interface AlertState {
  readonly id: string;
  readonly monthKey: string;
  readonly crossing: number;
  /** Only a reading taken after this instant may fire the current crossing. */
  readonly armedAt: Date;
}

export interface AlertStateKey {
  readonly teamId: string;
  readonly alertId: string;
  readonly providerId: string;
}

/**
 * The state for (alert, provider), created armed for `monthKey` if there is none. Every change below is a
 * compare-and-set on what the caller read, so replicas evaluating the same reading move the state once.
 */
export async function loadAlertState(
  db: Db,
  key: AlertStateKey & { monthKey: string; armedAt: Date; now: Date },
): Promise<AlertState | null> {
  const created = db
    .insertInto('alert_states')
    .values({
      id: randomUUID(),
      team_id: key.teamId,
      alert_id: key.alertId,
      provider_id: key.providerId,
      month_key: key.monthKey,
      crossing: 0,
      armed_at: key.armedAt.toISOString(),
      updated_at: key.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['alert_id', 'provider_id']).doNothing())
    .execute();
  // A foreign-key failure means the alert or the provider was removed meanwhile: there is nothing to evaluate.
  if (
    (await created.then(
      () => true,
      () => false,
    )) === false
  )
    return null;
  return findAlertState(db, key);
}

/** Moves the state to the next crossing (same month) or to a new month's first crossing; true when this call did. */
export async function advanceAlertState(
  db: Db,
  teamId: string,
  from: AlertState,
  to: { monthKey: string; crossing: number; armedAt: Date; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('alert_states')
    .set({
      month_key: to.monthKey,
      crossing: to.crossing,
      armed_at: to.armedAt.toISOString(),
      updated_at: to.now.toISOString(),
    })
    .where('team_id', '=', teamId)
    .where('id', '=', from.id)
    .where('month_key', '=', from.monthKey)
    .where('crossing', '=', from.crossing)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The state for (alert, provider) without creating it (dry runs change nothing); null when there is none. */
export async function findAlertState(db: Db, key: AlertStateKey): Promise<AlertState | null> {
  const row = await db
    .selectFrom('alert_states')
    .select(['id', 'month_key', 'crossing', 'armed_at'])
    .where('team_id', '=', key.teamId)
    .where('alert_id', '=', key.alertId)
    .where('provider_id', '=', key.providerId)
    .executeTakeFirst();
  return row === undefined
    ? null
    : { id: row.id, monthKey: row.month_key, crossing: row.crossing, armedAt: new Date(row.armed_at) };
}
