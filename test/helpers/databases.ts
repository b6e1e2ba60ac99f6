import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { DatabaseConfig } from '../../src/config.js';
import { createSecretBox, type SecretBox } from '../../src/crypto/secret-box.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

/** Set to run every database suite against PostgreSQL too, e.g. postgres://postgres@127.0.0.1:5432/test. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL?.trim() || undefined;

/** What a suite body reads inside its tests and hooks (not while registering them: nothing is open yet). */
export interface DatabaseTestContext {
  /** A database of its own for the current test, migrated unless the suite said otherwise. */
  readonly database: Database;
  /** A SecretBox with a random key, fresh per test. */
  readonly box: SecretBox;
  /** Opens another connection (SQLite) or pool (PostgreSQL) to the current test's database, closed after the test. */
  openAnother(): Database;
  /** How to reach the current test's database, e.g. from a child process. */
  readonly target: DatabaseTarget;
}

export interface DatabaseTarget {
  readonly config: DatabaseConfig;
  readonly searchPath?: string;
}

export interface DescribeEachDatabaseOptions {
  /** false hands out an empty database, for tests of the migrations themselves. Default true. */
  readonly migrate?: boolean;
}

type Backend = {
  label: string;
  setUpSuite(): Promise<void>;
  tearDownSuite(): Promise<void>;
  /** A fresh, empty database (its own SQLite file or PostgreSQL schema) and how to remove it. */
  create(): Promise<{ target: DatabaseTarget; cleanUp(): Promise<void> }>;
};

let warnedAboutPostgres = false;

/**
 * Runs `body` once per backend: SQLite (temp file) always; PostgreSQL when TEST_POSTGRES_URL is set, otherwise the
 * PostgreSQL variant is registered as skipped with a name that says how to enable it. Each test gets its own
 * database: a new SQLite file, or a new PostgreSQL schema (`searchPath`), removed after the test.
 */
export function describeEachDatabase(
  title: string,
  body: (ctx: DatabaseTestContext) => void,
  options: DescribeEachDatabaseOptions = {},
): void {
  describe(`${title} [sqlite]`, () => {
    registerBackend(sqliteBackend(), body, options);
  });

  if (TEST_POSTGRES_URL === undefined && !warnedAboutPostgres) {
    warnedAboutPostgres = true;
    console.warn(
      'PostgreSQL database tests are SKIPPED: set TEST_POSTGRES_URL=postgres://user@host:port/db to run them',
    );
  }
  const postgresTitle =
    TEST_POSTGRES_URL === undefined
      ? `${title} [postgres] SKIPPED: set TEST_POSTGRES_URL to run`
      : `${title} [postgres]`;
  describe.skipIf(TEST_POSTGRES_URL === undefined)(postgresTitle, () => {
    registerBackend(postgresBackend(TEST_POSTGRES_URL ?? ''), body, options);
  });
}

function registerBackend(
  backend: Backend,
  body: (ctx: DatabaseTestContext) => void,
  options: DescribeEachDatabaseOptions,
) {
  type Current = {
    target: DatabaseTarget;
    database: Database;
    box: SecretBox;
    extra: Database[];
    cleanUp(): Promise<void>;
  };
  let current: Current | null = null;

  beforeAll(() => backend.setUpSuite());
  afterAll(() => backend.tearDownSuite());

  beforeEach(async () => {
    const { target, cleanUp } = await backend.create();
    const database = open(target);
    if (options.migrate !== false) await migrateToLatest(database.db);
    current = { target, database, box: createSecretBox(randomBytes(32)), extra: [], cleanUp };
  });

  afterEach(async () => {
    const test = current;
    current = null;
    if (test === null) return;
    await Promise.all([test.database, ...test.extra].map((database) => database.close()));
    await test.cleanUp();
  });

  const active = () => {
    if (current === null) throw new Error(`No ${backend.label} database outside a test: read ctx inside it() or hooks`);
    return current;
  };
  body({
    get database() {
      return active().database;
    },
    get box() {
      return active().box;
    },
    openAnother() {
      const test = active();
      const another = open(test.target);
      test.extra.push(another);
      return another;
    },
    get target() {
      return active().target;
    },
  });
}

function open(target: DatabaseTarget): Database {
  return target.searchPath === undefined
    ? openDatabase(target.config)
    : openDatabase(target.config, { searchPath: target.searchPath });
}

function sqliteBackend(): Backend {
  let folder = '';
  let counter = 0;
  return {
    label: 'SQLite',
    async setUpSuite() {
      folder = mkdtempSync(path.join(tmpdir(), 'quota-bot-store-'));
    },
    async tearDownSuite() {
      if (folder !== '') rmSync(folder, { recursive: true, force: true });
    },
    async create() {
      counter += 1;
      const file = path.join(folder, `test-${counter}`, 'quota-bot.db');
      return {
        target: { config: { kind: 'sqlite', path: file } },
        cleanUp: async () => rmSync(path.dirname(file), { recursive: true, force: true }),
      };
    },
  };
}

function postgresBackend(url: string): Backend {
  // One prefix per suite, one schema per test under it; all dropped by the end of the suite even if a test fails.
  const prefix = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client | null = null;
  let counter = 0;
  const dropAll = async (client: pg.Client) => {
    const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [
      `${prefix}\\_%`,
    ]);
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  };
  return {
    label: 'PostgreSQL',
    async setUpSuite() {
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
    },
    async tearDownSuite() {
      if (admin === null) return;
      try {
        await dropAll(admin);
      } finally {
        await admin.end();
        admin = null;
      }
    },
    async create() {
      const client = admin;
      if (client === null) throw new Error('PostgreSQL suite not set up');
      counter += 1;
      const schema = `${prefix}_${counter}`;
      await client.query(`create schema "${schema}"`);
      return {
        target: { config: { kind: 'postgres', url }, searchPath: schema },
        cleanUp: async () => {
          await client.query(`drop schema if exists "${schema}" cascade`);
        },
      };
    },
  };
}
