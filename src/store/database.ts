import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type PgModule from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { DatabaseSchema } from './schema.js';
import { AppSqliteDialect, type BusyRetryPolicy } from './sqlite-driver.js';

/** An open connection (SQLite) or pool (PostgreSQL) with the typed query builder. */
export interface Database {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Resolves when the database answers a trivial query; for readiness checks. */
  ping(): Promise<void>;
  /** Closes the connection or pool; calling it again does nothing. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL schema to use instead of `public` (tests use one per test file). Ignored for SQLite. */
  readonly searchPath?: string;
  readonly logger?: Logger;
  /** SQLite: how long and how often a statement retries while another process holds the write lock. */
  readonly busyRetry?: BusyRetryPolicy;
}

/** Waited synchronously by SQLite itself (it blocks the event loop): only long enough to ride out a commit. */
const SQLITE_BUSY_TIMEOUT_MS = 10;
/** At start-up nothing is being served yet, so opening may wait for the lock the old way. */
const SQLITE_OPEN_BUSY_TIMEOUT_MS = 5000;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * sqlite: create the folder (0700) and file (0600) before opening, WAL, foreign_keys ON, busy_timeout 10 ms with
 * SQLITE_BUSY retried asynchronously (see sqlite-driver.ts), queries served in FIFO order.
 * postgres: pg.Pool; options.searchPath sets the schema (tests use a schema per test file).
 */
export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Database {
  return config.kind === 'sqlite' ? openSqlite(config.path, options) : openPostgres(config.url, options);
}

function openSqlite(file: string, options: OpenDatabaseOptions): Database {
  if (file !== ':memory:') createPrivateFile(file);
  const connection = new SQLite(file, { timeout: SQLITE_OPEN_BUSY_TIMEOUT_MS });
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (error) {
    connection.close();
    throw error;
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new AppSqliteDialect(connection, options.busyRetry) });
  options.logger?.debug({ dialect: 'sqlite', file }, 'database opened');
  return wrap(db, 'sqlite');
}

/** Tokens are encrypted, but names and history are still nobody else's business: owner-only from the first byte. */
function createPrivateFile(file: string): void {
  const folder = path.dirname(path.resolve(file));
  // mode applies only to folders created here; an existing folder (maybe the working directory) is left as it is.
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}

function openPostgres(url: string, options: OpenDatabaseOptions): Database {
  const { searchPath, logger } = options;
  if (searchPath !== undefined && !IDENTIFIER.test(searchPath)) {
    throw new RangeError(`searchPath must be a plain schema name (letters, digits, underscore), got "${searchPath}"`);
  }
  // Loaded here, not at import: the SQLite default starts ~15 ms sooner without it.
  const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
  const pool = new pg.Pool({
    connectionString: url,
    // Set at connection start-up, so every pooled connection uses the schema before its first query.
    ...(searchPath === undefined ? {} : { options: `-c search_path=${searchPath}` }),
  });
  // Without a listener, an idle client losing its connection (database restart) crashes the process.
  pool.on('error', (error) => logger?.error({ err: error }, 'idle PostgreSQL connection failed'));
  // pg-pool removes its listener while a client is checked out: a connection lost mid-query would then emit an
  // unhandled 'error' and crash the process. The query itself still fails (and the pool drops the dead client).
  pool.on('connect', (client) =>
    client.on('error', (error) => logger?.warn({ err: error }, 'PostgreSQL connection lost while in use')),
  );
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  logger?.debug({ dialect: 'postgres', searchPath: searchPath ?? null }, 'database opened');
  return wrap(db, 'postgres');
}

function wrap(db: Kysely<DatabaseSchema>, dialect: Database['dialect']): Database {
  let closing: Promise<void> | null = null;
  return {
    db,
    dialect,
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}
