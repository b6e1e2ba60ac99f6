import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { QuotaReading } from '../quota/types.js';
import type { DatabaseSchema, QuotaSnapshotRow } from './schema.js';

type Db = Kysely<DatabaseSchema>;

export interface RecordSnapshotInput {
  readonly teamId: string;
  readonly providerId: string;
  readonly reading: QuotaReading;
}

/**
 * Stores one successful quota check. Does nothing when the team has no such provider, e.g. it was removed while the
 * check was in flight: the insert copies from the provider's row, so it can neither fail nor cross teams.
 */
export async function recordSnapshot(db: Db, input: RecordSnapshotInput): Promise<void> {
  const { reading } = input;
  await db
    .insertInto('quota_snapshots')
    .columns(['id', 'team_id', 'provider_id', 'rest', 'quota_limit', 'speedup_rest', 'speedup_limit', 'checked_at'])
    .expression(
      db
        .selectFrom('providers')
        .select([
          sql.val(randomUUID()).as('id'),
          'team_id',
          'id as provider_id',
          // PostgreSQL types bare parameters in a SELECT list as text; say they are integers.
          sql<number>`cast(${reading.rest} as integer)`.as('rest'),
          sql<number>`cast(${reading.limit} as integer)`.as('quota_limit'),
          sql<number>`cast(${reading.speedupRest} as integer)`.as('speedup_rest'),
          sql<number>`cast(${reading.speedupLimit} as integer)`.as('speedup_limit'),
          sql.val(reading.checkedAt.toISOString()).as('checked_at'),
        ])
        .where('team_id', '=', input.teamId)
        .where('id', '=', input.providerId),
    )
    .execute();
}

export interface ListSnapshotsOptions {
  /** Only readings checked at or after this instant. */
  readonly since?: Date;
  /** At most this many readings (the newest). */
  readonly limit?: number;
}

/** The provider's stored readings, newest first; empty for another team's provider. */
export async function listSnapshots(
  db: Db,
  teamId: string,
  providerId: string,
  options: ListSnapshotsOptions = {},
): Promise<QuotaReading[]> {
  let query = db
    .selectFrom('quota_snapshots')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('provider_id', '=', providerId)
    .orderBy('checked_at', 'desc')
    .orderBy('id', 'desc');
  if (options.since !== undefined) query = query.where('checked_at', '>=', options.since.toISOString());
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map(toReading);
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
