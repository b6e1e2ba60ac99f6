import { setTimeout as sleep } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import { DatabaseBusyError } from './errors.js';
import { FifoMutex } from './fifo-mutex.js';

/** How long a statement keeps trying while another process holds SQLite's write lock, and how often. */
export interface BusyRetryPolicy {
  /** Total time to keep trying before failing with DatabaseBusyError. */
  readonly budgetMs: number;
  /** First pause after SQLITE_BUSY; doubled after each attempt up to maxDelayMs. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/** Same total as the old 5 s busy_timeout, but waited asynchronously: the process keeps answering meanwhile. */
export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { budgetMs: 5000, firstDelayMs: 5, maxDelayMs: 100 };

/**
 * Kysely's SQLite dialect with the bot's own driver: a FIFO connection mutex, transactions that begin immediate,
 * SQLITE_BUSY retried asynchronously with backoff, and an adapter that claims transactional DDL.
 */
export class AppSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;
  readonly #busy: BusyRetryPolicy;

  constructor(database: SQLite.Database, busy: BusyRetryPolicy = DEFAULT_BUSY_RETRY) {
    super({ database });
    this.#database = database;
    this.#busy = busy;
  }

  override createDriver(): Driver {
    return new AppSqliteDriver(this.#database, this.#busy);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * SQLite runs DDL inside transactions fine; Kysely's adapter just does not claim it. Claiming it makes the migrator
 * wrap each run in a transaction, so a failing migration leaves no half-created tables behind.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * One better-sqlite3 connection shared through a FIFO mutex (a transaction holds it from begin to commit). Extends
 * Kysely's driver only for its commit/rollback/savepoint statements, which run on whatever connection they are given.
 */
class AppSqliteDriver extends SqliteDriver {
  readonly #mutex = new FifoMutex();
  readonly #connection: BusyRetryingConnection;
  readonly #database: SQLite.Database;

  constructor(database: SQLite.Database, busy: BusyRetryPolicy) {
    super({ database });
    this.#database = database;
    this.#connection = new BusyRetryingConnection(database, this.#mutex, busy);
  }

  override async init(): Promise<void> {}

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  override async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /**
   * BEGIN IMMEDIATE takes the write lock up front. A plain (deferred) BEGIN that reads and then writes fails with
   * SQLITE_BUSY when another process wrote in between (the race of two processes migrating at the same time), and
   * such a failure inside a transaction cannot be retried statement by statement.
   */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async destroy(): Promise<void> {
    this.#database.close();
  }
}

const isBusy = (error: unknown): boolean =>
  typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * Runs statements like Kysely's own SQLite connection, but a statement that meets another process's write lock is
 * retried after an asynchronous pause instead of SQLite's synchronous busy wait, which would freeze the event loop.
 * Outside a transaction the connection is lent to the other waiters during the pause (reads go on in WAL mode).
 */
class BusyRetryingConnection implements DatabaseConnection {
  readonly #db: SQLite.Database;
  readonly #mutex: FifoMutex;
  readonly #busy: BusyRetryPolicy;

  constructor(db: SQLite.Database, mutex: FifoMutex, busy: BusyRetryPolicy) {
    this.#db = db;
    this.#mutex = mutex;
    this.#busy = busy;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const started = performance.now();
    let delay = this.#busy.firstDelayMs;
    for (;;) {
      const inTransaction = this.#db.inTransaction;
      try {
        return this.#run<R>(compiledQuery);
      } catch (error) {
        const waited = Math.round(performance.now() - started);
        if (!isBusy(error)) throw error;
        // Inside a transaction SQLite asks for a rollback, not a retry, except for COMMIT itself.
        const retryable = !inTransaction || /^\s*commit\b/i.test(compiledQuery.sql);
        if (!retryable || waited + delay > this.#busy.budgetMs) throw new DatabaseBusyError(waited, { cause: error });
      }
      // Jitter keeps several waiting writers (of this or another process) from retrying in lockstep.
      const pause = delay / 2 + Math.random() * (delay / 2);
      if (inTransaction) {
        await sleep(pause);
      } else {
        // Nothing of ours is open on the connection: let the queries queued behind this one run meanwhile.
        this.#mutex.unlock();
        try {
          await sleep(pause);
        } finally {
          await this.#mutex.lock();
        }
      }
      delay = Math.min(delay * 2, this.#busy.maxDelayMs);
    }
  }

  #run<R>(compiledQuery: CompiledQuery): QueryResult<R> {
    const statement = this.#db.prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#db.prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}
