import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import { TEST_POSTGRES_URL } from '../helpers/databases.js';

// kill -9 while `quota-bot migrate` runs (the built bin), at several moments from start-up to the end of the run.
// Migrations run in one transaction (BEGIN IMMEDIATE on SQLite), so whatever the moment, the next start applies
// cleanly and the schema ends complete: never half a migration.

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'bin', 'quota-bot.js');

async function schemaOf(database: ReturnType<typeof openDatabase>) {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`.execute(database.db);
  return rows;
}

describe('kill -9 during a migration [sqlite]', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-crash-migrate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function migrate(dbPath: string, killAfterMs: number | null) {
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [bin, 'migrate'], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: `sqlite:${dbPath}`,
          ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        },
      });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      const timer = killAfterMs === null ? null : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      proc.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ code, signal, stderr });
      });
    });
  }

  it('whenever the process dies, the next migrate applies cleanly and the schema is complete', async () => {
    // How long a whole run takes here, to spread the kills over it.
    const probe = path.join(dir, 'probe', 'quota-bot.db');
    const started = Date.now();
    expect((await migrate(probe, null)).code).toBe(0);
    const runMs = Date.now() - started;
    const probeDb = openDatabase({ kind: 'sqlite', path: probe });
    const complete = await schemaOf(probeDb).finally(() => probeDb.close());
    expect(complete.length).toBeGreaterThan(10);

    const fractions = [0.5, 0.8, 0.9, 1.0];
    for (const [i, fraction] of fractions.entries()) {
      const dbPath = path.join(dir, `kill-${i}`, 'quota-bot.db');
      await migrate(dbPath, Math.round(runMs * fraction));
      const next = await migrate(dbPath, null);
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);

      const database = openDatabase({ kind: 'sqlite', path: dbPath });
      try {
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          database.db,
        );
        expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
        // Exactly the schema of an uninterrupted run: every table, index and column.
        expect(await schemaOf(database)).toEqual(complete);
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
        expect(integrity.rows[0]?.integrity_check).toBe('ok');
      } finally {
        await database.close();
      }
    }
  }, 30_000);
});

describe.skipIf(TEST_POSTGRES_URL === undefined)('kill -9 during a migration [postgres]', () => {
  let admin: pg.Client;
  const schemas: string[] = [];
  beforeEach(async () => {
    admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
  });
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  async function freshSchema(): Promise<string> {
    const schema = `crash_migrate_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`create schema "${schema}"`);
    schemas.push(schema);
    return schema;
  }

  function migrate(schema: string, killAfterMs: number | null) {
    const url = new URL(TEST_POSTGRES_URL ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [bin, 'migrate'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: url.toString(),
          ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        },
      });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      const timer = killAfterMs === null ? null : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      proc.on('close', (code) => {
        if (timer) clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  async function schemaOfPg(schema: string) {
    const columns = await admin.query(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns
       where table_schema = $1 order by table_name, column_name`,
      [schema],
    );
    const indexes = await admin.query(
      `select indexname, indexdef from pg_indexes where schemaname = $1 order by indexname`,
      [schema],
    );
    return {
      columns: columns.rows,
      indexes: indexes.rows.map((r) => ({ ...r, indexdef: String(r.indexdef).replaceAll(schema, 'S') })),
    };
  }

  it('whenever the process dies, the next migrate applies cleanly and the schema is complete', async () => {
    const probe = await freshSchema();
    const started = Date.now();
    expect((await migrate(probe, null)).code).toBe(0);
    const runMs = Date.now() - started;
    const complete = await schemaOfPg(probe);
    expect(complete.columns.length).toBeGreaterThan(20);

    for (const fraction of [0.5, 0.7, 0.85, 0.95]) {
      const schema = await freshSchema();
      await migrate(schema, Math.round(runMs * fraction));
      const next = await migrate(schema, null);
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      expect(await schemaOfPg(schema)).toEqual(complete);
      const applied = await admin.query(`select name from "${schema}".kysely_migration order by name`);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    }
  }, 30_000);
});
