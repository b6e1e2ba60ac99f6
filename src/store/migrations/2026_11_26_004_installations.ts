import type { Kysely } from 'kysely';

// Frozen in time: this file must keep producing the same schema forever, so it imports nothing from the app and
// uses only types and statements that mean the same on SQLite and PostgreSQL. Change the schema in a new migration.

/**
 * Multi-workspace OAuth installs: one row per workspace (or per Enterprise Grid organization for an org-wide install),
 * the whole installation sealed. team_id and enterprise_id are kept in the clear so a workspace's row can be found
 * and forgotten without opening every sealed value.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('slack_installations')
    // `team:<team id>`, or `enterprise:<enterprise id>` for an org-wide install.
    .addColumn('installation_key', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text')
    .addColumn('enterprise_id', 'text')
    // 1 for an org-wide (Enterprise Grid) install, else 0.
    .addColumn('is_enterprise_install', 'integer', (col) => col.notNull())
    // SecretBox-sealed JSON of Bolt's Installation (tokens included).
    .addColumn('installation', 'text', (col) => col.notNull())
    .addColumn('installed_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('slack_installations_team_id_idx').on('slack_installations').column('team_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_installations').execute();
}
