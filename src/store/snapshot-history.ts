import type { Kysely } from 'kysely';
import type { QuotaReading } from '../quota/types.js';
import type { DatabaseSchema, QuotaSnapshotRow } from './schema.js';

type Db = Kysely<DatabaseSchema>;

/**
 * Every reading of the team's providers in (from, to], oldest first, grouped by provider id: one query per workspace
 * for a whole digest, instead of one per provider.
 */
export async function readingsBetween(
  db: Db,
  teamId: string,
  from: Date,
  to: Date,
): Promise<Map<string, QuotaReading[]>> {
  const rows = await db
    .selectFrom('quota_snapshots')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('checked_at', '>', from.toISOString())
    .where('checked_at', '<=', to.toISOString())
    .orderBy('checked_at')
    .orderBy('id')
    .execute();
  const byProvider = new Map<string, QuotaReading[]>();
  for (const row of rows) {
    const list = byProvider.get(row.provider_id) ?? [];
    list.push(toReading(row));
    byProvider.set(row.provider_id, list);
  }
  return byProvider;
}

/** The newest reading at or before `at` of each of the team's providers that has one. */
export async function latestReadings(db: Db, teamId: string, at: Date): Promise<Map<string, QuotaReading>> {
  const until = at.toISOString();
  const rows = await db
    .selectFrom('quota_snapshots as s')
    .selectAll('s')
    .where('s.team_id', '=', teamId)
    .where('s.checked_at', '<=', until)
    .where(({ eb, selectFrom }) =>
      eb(
        's.checked_at',
        '=',
        selectFrom('quota_snapshots as n')
          .select(({ fn }) => fn.max('n.checked_at').as('newest'))
          .whereRef('n.team_id', '=', 's.team_id')
          .whereRef('n.provider_id', '=', 's.provider_id')
          .where('n.checked_at', '<=', until),
      ),
    )
    .execute();
  const latest = new Map<string, QuotaReading>();
  for (const row of rows) latest.set(row.provider_id, toReading(row));
  return latest;
}

function toReading(row: QuotaSnapshotRow): QuotaReading {
  return {
    rest: row.rest,
    limit: row.quota_limit,
    speedupRest: row.speedup_rest,
    speedupLimit: row.speedup_limit,
    checkedAt: new Date(row.checked_at),
  };
}
