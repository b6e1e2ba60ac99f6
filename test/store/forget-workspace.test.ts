import { expect, it } from 'vitest';
import { forgetWorkspace, TEAM_SCOPED_TABLES } from '../../src/store/forget-workspace.js';
import { type DatabaseTestContext, describeEachDatabase } from '../helpers/databases.js';
import { seedTeam, teamRowCounts } from '../helpers/seed-team.js';

const countsFor = (ctx: DatabaseTestContext, team: string) => teamRowCounts(ctx.database.db, team);
const seed = (ctx: DatabaseTestContext, team: string) => seedTeam(ctx.database.db, ctx.box, team);

describeEachDatabase('forgetWorkspace', (ctx) => {
  it('lists exactly the tables that have a team_id column (a new team table cannot be forgotten)', async () => {
    const schema = ctx.target.searchPath;
    const tables = await ctx.database.db.introspection.getTables();
    const withTeam = tables
      // PostgreSQL lists every schema's tables; only the test's own schema counts.
      .filter((table) => schema === undefined || table.schema === schema)
      .filter((table) => table.columns.some((column) => column.name === 'team_id'))
      .map((table) => table.name)
      .sort();
    expect(withTeam.length).toBeGreaterThan(5);
    expect([...TEAM_SCOPED_TABLES].sort()).toEqual(withTeam);
  });

  it("deletes every row of one workspace, in every table, and nothing of another's", async () => {
    await seed(ctx, 'T0GONE');
    await seed(ctx, 'T0STAY');
    const everyTableOnce = Object.fromEntries(TEAM_SCOPED_TABLES.map((table) => [table, 1]));
    // The seed covers every team table, so a table added to the list without a seed row fails here.
    expect(await countsFor(ctx, 'T0GONE')).toEqual(everyTableOnce);

    const deleted = await forgetWorkspace(ctx.database.db, 'T0GONE');

    expect(deleted).toEqual(everyTableOnce);
    expect(Object.values(await countsFor(ctx, 'T0GONE')).every((count) => count === 0)).toBe(true);
    expect(await countsFor(ctx, 'T0STAY')).toEqual(everyTableOnce);
  });

  it('is harmless for a workspace it knows nothing about, and refuses an empty team id', async () => {
    await seed(ctx, 'T0STAY');
    expect(await forgetWorkspace(ctx.database.db, 'T0UNKNOWN')).toEqual({});
    await expect(forgetWorkspace(ctx.database.db, '')).rejects.toThrow(RangeError);
    expect(Object.values(await countsFor(ctx, 'T0STAY')).every((count) => count === 1)).toBe(true);
  });
});
