import type { Kysely } from 'kysely';

// Frozen in time: this file must keep producing the same schema forever, so it imports nothing from the app and
// uses only types and statements that mean the same on SQLite and PostgreSQL. Change the schema in a new migration.

/**
 * Per-workspace bot admins added with `/quota admins add` (on top of Slack's own admins and owners), and the
 * workspace's settings (today: the language of channel posts and of people whose Slack locale we do not speak).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspace_admins')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    // Slack user id of the workspace admin or owner who added them.
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('workspace_admins_pk', ['team_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('workspace_settings')
    .addColumn('team_id', 'text', (col) => col.primaryKey())
    // 'en' or 'zh-CN'; null means "not chosen" (English).
    .addColumn('language', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workspace_settings').execute();
  await db.schema.dropTable('workspace_admins').execute();
}
