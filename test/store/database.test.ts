import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { TEST_POSTGRES_URL } from '../helpers/databases.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('openDatabase [sqlite]', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'quota-bot-db-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing folder 0700 and the database file 0600, owner-only from the start', async () => {
    const folder = path.join(root, 'nested', 'data');
    const file = path.join(folder, 'bot.db');
    const database = openDatabase({ kind: 'sqlite', path: file });
    try {
      await database.ping();
      await sql`create table t (x integer)`.execute(database.db);
      expect(mode(folder)).toBe(0o700);
      expect(mode(path.join(root, 'nested'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
    } finally {
      await database.close();
    }
  });

  it('runs with WAL, a short (10 ms) synchronous busy timeout and foreign keys on', async () => {
    const database = openDatabase({ kind: 'sqlite', path: path.join(root, 'bot.db') });
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(database.dialect).toBe('sqlite');
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(10);
      expect(await pragma('foreign_keys')).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('opens an in-memory database without touching the disk, and close() twice is harmless', async () => {
    const database = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await database.ping();
    await database.close();
    await database.close();
    await expect(database.ping()).rejects.toThrow();
  });
});

describe.skipIf(TEST_POSTGRES_URL === undefined)(
  TEST_POSTGRES_URL === undefined
    ? 'openDatabase [postgres] SKIPPED: set TEST_POSTGRES_URL to run'
    : 'openDatabase [postgres]',
  () => {
    const url = TEST_POSTGRES_URL ?? '';

    it('pings, uses the requested schema on every pooled connection, and closes idempotently', async () => {
      const database = openDatabase({ kind: 'postgres', url }, { searchPath: 'pg_catalog' });
      try {
        await database.ping();
        expect(database.dialect).toBe('postgres');
        const paths = await Promise.all(
          Array.from({ length: 5 }, () =>
            sql<{ search_path: string }>`select current_setting('search_path') as search_path, pg_sleep(0.05)`.execute(
              database.db,
            ),
          ),
        );
        for (const result of paths) expect(result.rows[0]?.search_path).toBe('pg_catalog');
      } finally {
        await database.close();
        await database.close();
      }
    });

    it('refuses a searchPath that is not a plain schema name', () => {
      expect(() => openDatabase({ kind: 'postgres', url }, { searchPath: 'x; drop schema public' })).toThrow(
        /plain schema name/,
      );
    });

    it('reports an unreachable server on ping rather than on open', async () => {
      const database = openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test' });
      try {
        await expect(database.ping()).rejects.toThrow();
      } finally {
        await database.close();
      }
    });
  },
);
