import type { Kysely } from 'kysely';

// Frozen in time: this file must keep producing the same schema forever, so it imports nothing from the app and
// uses only types and statements that mean the same on SQLite and PostgreSQL. Change the schema in a new migration.

/** Weekly digest subscriptions, low-quota alerts and their per-crossing state, and the exactly-once delivery log. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    // ISO weekday: 1 = Monday … 7 = Sunday; hour and minute of the local wall clock in time_zone.
    .addColumn('weekday', 'integer', (col) => col.notNull())
    .addColumn('hour', 'integer', (col) => col.notNull())
    .addColumn('minute', 'integer', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('subscribed_by', 'text')
    // The first scheduled slot not yet delivered, skipped or failed: the scheduler's cursor.
    .addColumn('next_due_at', 'text', (col) => col.notNull())
    .addColumn('paused_at', 'text')
    .addColumn('paused_reason', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('digest_subscriptions_team_id_channel_id_unique', ['team_id', 'channel_id'])
    .execute();
  await db.schema
    .createIndex('digest_subscriptions_next_due_at_idx')
    .on('digest_subscriptions')
    .column('next_due_at')
    .execute();

  await db.schema
    .createTable('quota_alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('threshold', 'integer', (col) => col.notNull())
    // 'count' (audits left) or 'percent' (of the month's limit).
    .addColumn('unit', 'text', (col) => col.notNull())
    .addColumn('set_by', 'text')
    .addColumn('paused_at', 'text')
    .addColumn('paused_reason', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('quota_alerts_team_id_channel_id_unique', ['team_id', 'channel_id'])
    .addUniqueConstraint('quota_alerts_team_id_id_unique', ['team_id', 'id'])
    .execute();

  await db.schema
    .createTable('alert_states')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('alert_id', 'text', (col) => col.notNull())
    .addColumn('provider_id', 'text', (col) => col.notNull())
    // Quota month (yyyy-MM) and how many times the alert re-armed in it; a firing is keyed by both.
    .addColumn('month_key', 'text', (col) => col.notNull())
    .addColumn('crossing', 'integer', (col) => col.notNull())
    // Instant of the reading that re-armed it: only a later reading may fire the next crossing.
    .addColumn('armed_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('alert_states_alert_id_provider_id_unique', ['alert_id', 'provider_id'])
    .addForeignKeyConstraint(
      'alert_states_alert_fk',
      ['team_id', 'alert_id'],
      'quota_alerts',
      ['team_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'alert_states_provider_fk',
      ['team_id', 'provider_id'],
      'providers',
      ['team_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    // 'digest' (target: a subscription) or 'alert' (target: a quota alert).
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    // Digest: local date of the scheduled slot. Alert: provider, quota month and crossing.
    .addColumn('period_key', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    // claimed → delivered | retry | failed | skipped
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('scheduled_for', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('retry_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('detail', 'text')
    .addUniqueConstraint('deliveries_period_unique', ['team_id', 'kind', 'target_id', 'period_key'])
    .execute();
  await db.schema
    .createIndex('deliveries_team_id_target_id_idx')
    .on('deliveries')
    .columns(['team_id', 'target_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, independent of today's typed schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('alert_states').execute();
  await db.schema.dropTable('quota_alerts').execute();
  await db.schema.dropTable('digest_subscriptions').execute();
}
