import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { QuotaReading } from '../../src/quota/types.js';
import { saveProvider } from '../../src/store/providers.js';
import { listSnapshots, recordSnapshot } from '../../src/store/snapshots.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TEAM_A = 'T0000000A';
const TEAM_B = 'T0000000B';

const reading = (checkedAt: string, rest: number): QuotaReading => ({
  rest,
  limit: 20,
  speedupRest: 3,
  speedupLimit: 5,
  checkedAt: new Date(checkedAt),
});

describeEachDatabase('snapshots repository', (ctx) => {
  const addProvider = async (teamId: string, name: string) =>
    (
      await saveProvider(ctx.database.db, ctx.box, {
        teamId,
        name,
        credentials: { kind: 'static', token: 'token' },
        tokenExpiresAt: null,
        now: new Date('2026-11-01T00:00:00.000Z'),
      })
    ).provider;

  it('lists recorded readings newest first, with every number and the instant intact', async () => {
    const provider = await addProvider(TEAM_A, 'Acme');
    const readings = [
      reading('2026-11-02T08:00:00.000Z', 19),
      reading('2026-11-26T09:30:00.123Z', 7),
      reading('2026-11-10T23:59:59.999Z', 12),
    ];
    for (const r of readings)
      await recordSnapshot(ctx.database.db, { teamId: TEAM_A, providerId: provider.id, reading: r });

    const listed = await listSnapshots(ctx.database.db, TEAM_A, provider.id);
    expect(listed).toEqual([readings[1], readings[2], readings[0]]);
    expect(listed[0]?.checkedAt).toBeInstanceOf(Date);
    expect(typeof listed[0]?.rest).toBe('number');
  });

  it('filters by since (inclusive) and limit (the newest)', async () => {
    const provider = await addProvider(TEAM_A, 'Acme');
    for (let day = 1; day <= 9; day++) {
      const r = reading(`2026-11-0${day}T12:00:00.000Z`, 20 - day);
      await recordSnapshot(ctx.database.db, { teamId: TEAM_A, providerId: provider.id, reading: r });
    }
    const since = await listSnapshots(ctx.database.db, TEAM_A, provider.id, {
      since: new Date('2026-11-07T12:00:00.000Z'),
    });
    expect(since.map((r) => r.checkedAt.toISOString().slice(0, 10))).toEqual([
      '2026-11-09',
      '2026-11-08',
      '2026-11-07',
    ]);

    const newest = await listSnapshots(ctx.database.db, TEAM_A, provider.id, { limit: 2 });
    expect(newest.map((r) => r.rest)).toEqual([11, 12]);

    const both = await listSnapshots(ctx.database.db, TEAM_A, provider.id, {
      since: new Date('2026-11-03T00:00:00.000Z'),
      limit: 100,
    });
    expect(both).toHaveLength(7);
  });

  it('keeps each provider’s history separate', async () => {
    const acme = await addProvider(TEAM_A, 'Acme');
    const other = await addProvider(TEAM_A, 'Other');
    await recordSnapshot(ctx.database.db, {
      teamId: TEAM_A,
      providerId: acme.id,
      reading: reading('2026-11-02T08:00:00.000Z', 1),
    });
    expect(await listSnapshots(ctx.database.db, TEAM_A, other.id)).toEqual([]);
  });

  it('keeps workspaces apart: no recording for, and no reading of, another team’s provider', async () => {
    const provider = await addProvider(TEAM_A, 'Acme');
    await recordSnapshot(ctx.database.db, {
      teamId: TEAM_A,
      providerId: provider.id,
      reading: reading('2026-11-02T08:00:00.000Z', 10),
    });
    await recordSnapshot(ctx.database.db, {
      teamId: TEAM_B,
      providerId: provider.id,
      reading: reading('2026-11-03T08:00:00.000Z', 0),
    });
    expect(await listSnapshots(ctx.database.db, TEAM_B, provider.id)).toEqual([]);
    expect((await listSnapshots(ctx.database.db, TEAM_A, provider.id)).map((r) => r.rest)).toEqual([10]);
  });

  it('ignores a reading for a provider removed while its check was in flight', async () => {
    await expect(
      recordSnapshot(ctx.database.db, {
        teamId: TEAM_A,
        providerId: 'no-such-provider',
        reading: reading('2026-11-02T08:00:00.000Z', 10),
      }),
    ).resolves.toBeUndefined();
    const rows = await sql<{ n: number }>`select count(*) as n from quota_snapshots`.execute(ctx.database.db);
    expect(Number(rows.rows[0]?.n)).toBe(0);
  });

  it('rejects, in the schema, a snapshot whose team differs from its provider’s team', async () => {
    const provider = await addProvider(TEAM_A, 'Acme');
    const forged = ctx.database.db
      .insertInto('quota_snapshots')
      .values({
        id: 'forged',
        team_id: TEAM_B,
        provider_id: provider.id,
        rest: 1,
        quota_limit: 1,
        speedup_rest: 1,
        speedup_limit: 1,
        checked_at: '2026-11-02T08:00:00.000Z',
      })
      .execute();
    await expect(forged).rejects.toThrow();
  });
});
