import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { MigrationError } from './errors.js';
import { migrations } from './migrations/index.js';

/** Applies every pending migration in name order; returns the names applied (empty when already up to date). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema, which migrations create
export async function migrateToLatest(db: Kysely<any>, logger?: Logger): Promise<{ applied: string[] }> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
  });
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (error) {
    // migrateToLatest reports failures in its result; anything thrown is unexpected, but gets the same treatment.
    throw new MigrationError(null, { cause: error });
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
