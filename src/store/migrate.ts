import { DEFAULT_MIGRATION_TABLE, type Kysely, type MigrationResult, Migrator, PostgresAdapter, sql } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { MigrationError } from './errors.js';
import { migrations } from './migrations/index.js';

/** Applies every pending migration in name order; returns the names applied (empty when already up to date). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema, which migrations create
export async function migrateToLatest(db: Kysely<any>, logger?: Logger): Promise<{ applied: string[] }> {
  const schema = await currentPostgresSchema(db);
  if (await alreadyMigrated(db, schema.migrationTableSchema)) {
    logger?.debug('database schema is up to date');
    return { applied: [] };
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // Kysely looks for its bookkeeping tables in every schema unless told which: another schema's copy (another app,
    // a parallel test) would make it skip creating its own. Pin it to the schema this connection works in.
    ...schema,
  });
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  for (let attempt = 1; ; attempt += 1) {
    try {
      outcome = await migrator.migrateToLatest();
    } catch (error) {
      // migrateToLatest reports failures in its result; anything thrown is unexpected, but gets the same treatment.
      throw new MigrationError(null, { cause: error });
    }
    if (attempt >= INTROSPECTION_ATTEMPTS || !isDroppedWhileIntrospecting(outcome.error)) break;
    logger?.warn({ err: outcome.error, attempt }, 'schema changed under the migrator; trying again');
  }
  const results: readonly MigrationResult[] = outcome.results ?? [];
  if (outcome.error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? null;
    logger?.error({ err: outcome.error, migration: failed }, 'database migration failed');
    throw new MigrationError(failed, { cause: outcome.error });
  }
  const applied = results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
  if (applied.length > 0) logger?.info({ applied }, 'database migrated');
  else logger?.debug('database schema is up to date');
  return { applied };
}

/**
 * The usual start (a restart on a migrated database) in one read instead of the Migrator's table checks, lock and
 * catalog scan. Only an exact match short-cuts: a missing table, a pending migration, an unknown applied one (a newer
 * version ran here) or any error leaves the decision and its error messages to the Migrator. Read-only, and
 * migrations commit whole, so a concurrent or killed migration is never mistaken for a finished one.
 */
// biome-ignore lint/suspicious/noExplicitAny: works below the typed schema, like the migrator itself
async function alreadyMigrated(db: Kysely<any>, schema: string | undefined): Promise<boolean> {
  const table = schema === undefined ? sql.id(DEFAULT_MIGRATION_TABLE) : sql.id(schema, DEFAULT_MIGRATION_TABLE);
  try {
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    const known = Object.keys(migrations);
    const applied = new Set(rows.map((row) => row.name));
    return applied.size === known.length && known.every((name) => applied.has(name));
  } catch {
    return false;
  }
}

/**
 * Kysely's PostgreSQL introspection reads every schema; one dropped meanwhile (tests drop theirs, other apps may too)
 * fails it with "schema/relation does not exist". The run is one transaction, so trying again is safe.
 */
const INTROSPECTION_ATTEMPTS = 3;
// 3F000 schema, 42P01 relation, 42703 column: all seen when a concurrent DROP SCHEMA races Kysely's catalog scan.
const DROPPED_WHILE_INTROSPECTING = new Set(['3F000', '42P01', '42703']);

function isDroppedWhileIntrospecting(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && DROPPED_WHILE_INTROSPECTING.has(code);
}

// biome-ignore lint/suspicious/noExplicitAny: works below the typed schema, like the migrator itself
async function currentPostgresSchema(db: Kysely<any>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}
