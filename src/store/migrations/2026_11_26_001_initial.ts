import type { Kysely } from 'kysely';

// Frozen in time: this file must keep producing the same schema forever, so it imports nothing from the app and
// uses only types and statements that mean the same on SQLite and PostgreSQL. Change the schema in a new migration.

/** Providers (credentials sealed), quota snapshots, and the Slack event dedupe table. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('providers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_key', 'text', (col) => col.notNull())
    .addColumn('token_source', 'text', (col) => col.notNull())
    .addColumn('credentials', 'text', (col) => col.notNull())
    .addColumn('token_expires_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('providers_team_id_name_key_unique', ['team_id', 'name_key'])
    // Target of the snapshots' composite foreign key: a snapshot can only point at a provider of its own team.
    .addUniqueConstraint('providers_team_id_id_unique', ['team_id', 'id'])
    .execute();

  await db.schema
    .createTable('quota_snapshots')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('provider_id', 'text', (col) => col.notNull())
    .addColumn('rest', 'integer', (col) => col.notNull())
    .addColumn('quota_limit', 'integer', (col) => col.notNull())
    .addColumn('speedup_rest', 'integer', (col) => col.notNull())
    .addColumn('speedup_limit', 'integer', (col) => col.notNull())
    .addColumn('checked_at', 'text', (col) => col.notNull())
    .addForeignKeyConstraint(
      'quota_snapshots_provider_fk',
      ['team_id', 'provider_id'],
      'providers',
      ['team_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('quota_snapshots_provider_id_checked_at_idx')
    .on('quota_snapshots')
    .columns(['provider_id', 'checked_at'])
    .execute();

  await db.schema
    .createTable('slack_events')
    .addColumn('event_id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('slack_events_claimed_at_idx').on('slack_events').column('claimed_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_events').execute();
  await db.schema.dropTable('quota_snapshots').execute();
  await db.schema.dropTable('providers').execute();
}
