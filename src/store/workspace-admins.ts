import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

// Every query filters on team_id: one workspace never sees or changes another's bot admins.

type Db = Kysely<DatabaseSchema>;

/** A bot admin added with `/quota admins add`. */
export interface WorkspaceAdmin {
  readonly userId: string;
  readonly addedBy: string;
  readonly addedAt: Date;
}

/** Adds a bot admin; false when they already were one (the first adder and date are kept). */
export async function addWorkspaceAdmin(
  db: Db,
  input: { teamId: string; userId: string; addedBy: string; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('workspace_admins')
    .values({
      team_id: input.teamId,
      user_id: input.userId,
      added_by: input.addedBy,
      added_at: input.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Removes a bot admin; false when they were not one. */
export async function removeWorkspaceAdmin(db: Db, teamId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('workspace_admins')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The workspace's bot admins, oldest first. */
export async function listWorkspaceAdmins(db: Db, teamId: string): Promise<WorkspaceAdmin[]> {
  const rows = await db
    .selectFrom('workspace_admins')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('added_at')
    .orderBy('user_id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, addedBy: row.added_by, addedAt: new Date(row.added_at) }));
}
