import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from './schema.js';

/** Every table with a `team_id` column, as the type system sees the schema. */
export type TeamScopedTable = {
  [T in keyof DatabaseSchema]: 'team_id' extends keyof DatabaseSchema[T] ? T : never;
}[keyof DatabaseSchema];

/**
 * The deletion order of every team-scoped table. A Record, so the compiler refuses a team table missing from it;
 * test/store/forget-workspace.test.ts also compares it with the live schema. Children before parents, so the
 * foreign keys (alert_states, quota_snapshots → providers, quota_alerts) never see an orphan.
 */
const DELETION_ORDER: Readonly<Record<TeamScopedTable, number>> = {
  alert_states: 1,
  quota_snapshots: 1,
  deliveries: 1,
  token_cache: 1,
  component_tickets: 1,
  quota_alerts: 2,
  digest_subscriptions: 2,
  providers: 3,
  slack_events: 4,
  workspace_admins: 4,
  workspace_settings: 4,
  slack_installations: 5,
};

/** The team-scoped tables in the order forgetWorkspace empties them. */
export const TEAM_SCOPED_TABLES: readonly TeamScopedTable[] = (Object.keys(DELETION_ORDER) as TeamScopedTable[]).sort(
  (a, b) => DELETION_ORDER[a] - DELETION_ORDER[b],
);

/**
 * Deletes everything the bot holds for one Slack workspace (installation, providers and their secrets, caches,
 * subscriptions, alerts, history, ledger, settings) in one transaction: all of it or, on failure, none of it.
 * Rows of every other workspace are untouched. Returns how many rows each table lost.
 */
export async function forgetWorkspace(
  db: Kysely<DatabaseSchema>,
  teamId: string,
): Promise<Partial<Record<TeamScopedTable, number>>> {
  if (teamId === '') throw new RangeError('forgetWorkspace needs a team id');
  return db.transaction().execute(async (trx) => {
    const deleted: Partial<Record<TeamScopedTable, number>> = {};
    for (const table of TEAM_SCOPED_TABLES) {
      // A reference by name: Kysely cannot infer columns over a union of tables, and every one of them has team_id.
      const result = await trx.deleteFrom(table).where(sql.ref('team_id'), '=', teamId).executeTakeFirst();
      const count = Number(result.numDeletedRows);
      if (count > 0) deleted[table] = count;
    }
    return deleted;
  });
}
