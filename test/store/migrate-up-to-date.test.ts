import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { MigrationError } from '../../src/store/errors.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { describeEachDatabase } from '../helpers/databases.js';

// A restart on a migrated database is answered by one read of kysely_migration (start-up time, issue #5); anything
// short of an exact match still goes through Kysely's Migrator, with its locking and its errors.

async function hasTable(
  ctx: { database: { db: Parameters<typeof migrateToLatest>[0]; dialect: string } },
  name: string,
) {
  const query =
    ctx.database.dialect === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`
      : sql<{ n: number }>`select count(*)::int as n from information_schema.tables
          where table_schema = current_schema() and table_name = ${name}`;
  return Number((await query.execute(ctx.database.db)).rows[0]?.n) > 0;
}

describeEachDatabase('migrateToLatest on an up-to-date database', (ctx) => {
  it('applies nothing and never reaches the Migrator (it would recreate its lock table)', async () => {
    await sql`drop table kysely_migration_lock`.execute(ctx.database.db);
    expect(await migrateToLatest(ctx.database.db)).toEqual({ applied: [] });
    expect(await hasTable(ctx, 'kysely_migration_lock')).toBe(false);
  });

  it('still reports a migration applied by a newer version that this one does not know', async () => {
    await sql`insert into kysely_migration (name, timestamp) values (${'2099_01_01_001_future'}, ${new Date().toISOString()})`.execute(
      ctx.database.db,
    );
    await expect(migrateToLatest(ctx.database.db)).rejects.toBeInstanceOf(MigrationError);
  });

  it('applies a migration recorded as pending (row missing) through the Migrator', async () => {
    // The last migration's row removed: the short cut must not answer "up to date". Re-running that migration on
    // a schema that already has its tables fails, which is exactly what proves the Migrator ran it.
    const last = Object.keys(migrations).sort().at(-1) as string;
    await sql`delete from kysely_migration where name = ${last}`.execute(ctx.database.db);
    await expect(migrateToLatest(ctx.database.db)).rejects.toMatchObject({ migrationName: last });
  });
});
