import type { Kysely } from 'kysely';

// Frozen in time: this file must keep producing the same schema forever, so it imports nothing from the app and
// uses only types and statements that mean the same on SQLite and PostgreSQL. Change the schema in a new migration.

/** Column added to `providers`: non-secret identifiers and the re-authorization mark. */
const PROVIDER_COLUMNS = [
  'component_appid',
  'authorizer_appid',
  'reauth_required_at',
  'reauth_reason',
  'configured_by',
];

/**
 * Tokens that stay fresh: provider columns for component setups, the encrypted token cache (with its refresh lease),
 * component_verify_ticket per workspace and component, and the record of authenticated WeChat pushes.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  for (const column of PROVIDER_COLUMNS) {
    await db.schema.alterTable('providers').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('providers_component_appid_idx').on('providers').column('component_appid').execute();

  await db.schema
    .createTable('token_cache')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('cache_key', 'text', (col) => col.notNull())
    .addColumn('value', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('refreshed_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('lease_holder', 'text')
    .addColumn('lease_expires_at', 'text')
    .addPrimaryKeyConstraint('token_cache_pk', ['team_id', 'cache_key'])
    .execute();

  await db.schema
    .createTable('component_tickets')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('component_appid', 'text', (col) => col.notNull())
    .addColumn('ticket', 'text', (col) => col.notNull())
    .addColumn('pushed_at', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('component_tickets_pk', ['team_id', 'component_appid'])
    .execute();

  await db.schema
    .createTable('wechat_pushes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dedupe_key', 'text', (col) => col.notNull().unique())
    .addColumn('component_appid', 'text', (col) => col.notNull())
    .addColumn('info_type', 'text', (col) => col.notNull())
    .addColumn('authorizer_appid', 'text')
    .addColumn('pushed_at', 'text')
    .addColumn('received_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('wechat_pushes_received_at_idx').on('wechat_pushes').column('received_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wechat_pushes').execute();
  await db.schema.dropTable('component_tickets').execute();
  await db.schema.dropTable('token_cache').execute();
  await db.schema.dropIndex('providers_component_appid_idx').execute();
  for (const column of [...PROVIDER_COLUMNS].reverse()) {
    await db.schema.alterTable('providers').dropColumn(column).execute();
  }
}
