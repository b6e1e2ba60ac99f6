import { AppError } from '../errors.js';

/** A schema migration failed; the whole run is one transaction, so the schema is left as it was before the run. */
export class MigrationError extends AppError {
  /** The migration that failed, or null when the failure came before any migration ran (e.g. no connection). */
  readonly migrationName: string | null;

  constructor(migrationName: string | null, options?: { cause?: unknown }) {
    const detail = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      'MIGRATION_FAILED',
      migrationName === null
        ? `Database migration failed before any migration ran${detail}`
        : `Database migration ${migrationName} failed${detail}`,
      options,
    );
    this.migrationName = migrationName;
  }
}

/** The provider does not exist in this workspace (never created, removed, or it belongs to another workspace). */
export class ProviderNotFoundError extends AppError {
  readonly teamId: string;
  readonly providerName: string;

  constructor(teamId: string, providerName: string) {
    super('PROVIDER_NOT_FOUND', `No provider named "${providerName}" in workspace ${teamId}`);
    this.teamId = teamId;
    this.providerName = providerName;
  }
}

/**
 * SQLite stayed write-locked by another process (or connection) for longer than the bot waits. Nothing was written;
 * the same call is safe to repeat once the other writer is done.
 */
export class DatabaseBusyError extends AppError {
  /** How long the bot waited for the lock, in milliseconds. */
  readonly waitedMs: number;

  constructor(waitedMs: number, options?: { cause?: unknown }) {
    super(
      'DATABASE_BUSY',
      `The database is busy: another process held its write lock for ${waitedMs} ms; nothing was written`,
      options,
    );
    this.waitedMs = waitedMs;
  }
}
