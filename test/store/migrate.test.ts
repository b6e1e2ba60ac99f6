import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { MigrationError } from '../../src/store/errors.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { type DatabaseTarget, describeEachDatabase } from '../helpers/databases.js';

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs migrateToLatest in a fresh Node process against the target database; returns what it applied. */
async function migrateInChildProcess(target: DatabaseTarget, startAt: number): Promise<{ applied: string[] }> {
  const script = `
    const { openDatabase } = await import(${JSON.stringify(path.join(root, 'src/store/database.ts'))});
    const { migrateToLatest } = await import(${JSON.stringify(path.join(root, 'src/store/migrate.ts'))});
    const target = ${JSON.stringify(target)};
    const database = openDatabase(target.config, target.searchPath ? { searchPath: target.searchPath } : {});
    await database.ping();
    await new Promise((resolve) => setTimeout(resolve, ${startAt} - Date.now() - 20));
    while (Date.now() < ${startAt}) {}
    try {
      process.stdout.write(JSON.stringify(await migrateToLatest(database.db)));
    } finally {
      await database.close();
    }`;
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
  });
  return JSON.parse(stdout);
}

async function tableNames(db: Database['db'], dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`;
  return (await query.execute(db)).rows.map((row) => row.name).sort();
}

describeEachDatabase(
  'migrateToLatest',
  (ctx) => {
    it('applies every migration on an empty database, then nothing on a second run', async () => {
      const first = await migrateToLatest(ctx.database.db);
      expect(first.applied).toEqual(Object.keys(migrations).sort());
      expect(first.applied[0]).toBe('2026_11_26_001_initial');
      // Each feature's migration adds its own tables; these are the initial ones and those of the tokens feature.
      expect(await tableNames(ctx.database.db, ctx.database.dialect)).toEqual(
        expect.arrayContaining([
          'component_tickets',
          'kysely_migration',
          'kysely_migration_lock',
          'providers',
          'quota_snapshots',
          'slack_events',
          'token_cache',
          'wechat_pushes',
        ]),
      );

      const second = await migrateToLatest(ctx.database.db);
      expect(second.applied).toEqual([]);
    });

    it('lets exactly one of several processes starting together apply the migrations', async () => {
      // Separate processes, as in production: in one process, SQLite connections would wait on each other synchronously.
      // All wait for the same instant (past their start-up time) so that they really race.
      const startAt = Date.now() + 2000;
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => migrateInChildProcess(ctx.target, startAt)));
      expect(outcomes.map((outcome) => outcome.applied.length).sort()).toEqual([
        0,
        0,
        0,
        Object.keys(migrations).length,
      ]);
      expect(await tableNames(ctx.database.db, ctx.database.dialect)).toContain('providers');
    }, 30_000);

    it('names the migration that failed and leaves nothing of it behind', async () => {
      await sql`create table quota_snapshots (id text)`.execute(ctx.database.db);
      const attempt = migrateToLatest(ctx.database.db);
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toMatchObject({
        code: 'MIGRATION_FAILED',
        migrationName: '2026_11_26_001_initial',
        message: expect.stringContaining('2026_11_26_001_initial'),
      });
      // Rolled back: `providers`, created before the failing statement, is gone, so a fixed database can migrate.
      expect(await tableNames(ctx.database.db, ctx.database.dialect)).not.toContain('providers');
      await sql`drop table quota_snapshots`.execute(ctx.database.db);
      expect((await migrateToLatest(ctx.database.db)).applied).toEqual(Object.keys(migrations).sort());
    });
  },
  { migrate: false },
);
