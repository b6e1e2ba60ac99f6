import { expect, it } from 'vitest';
import { claimDelivery, findDelivery, finishDelivery, recordSkipped } from '../../src/store/deliveries.js';
import { describeEachDatabase } from '../helpers/databases.js';

const LEASE = 10 * 60_000;
const T0 = new Date('2026-11-30T01:00:00.000Z');
const key = { teamId: 'T0000000A', kind: 'digest' as const, targetId: 'sub-1', periodKey: '2026-11-30' };
const claim = (now: Date, claimToken: string, db: Parameters<typeof claimDelivery>[0]) =>
  claimDelivery(db, { ...key, channelId: 'C0000000A', scheduledFor: T0, now, leaseMs: LEASE, claimToken });
const later = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase('deliveries ledger', (ctx) => {
  it('gives a slot to exactly one of many processes claiming it at once', async () => {
    const pools = [ctx.database, ctx.openAnother(), ctx.openAnother(), ctx.openAnother()];
    const results = await Promise.all(
      pools.flatMap((p, i) => [claim(T0, `run-${i}a`, p.db), claim(T0, `run-${i}b`, p.db)]),
    );
    expect(results.filter((r) => r.claimed)).toEqual([{ claimed: true, attempts: 1 }]);
    expect(results.filter((r) => !r.claimed)).toEqual(Array(7).fill({ claimed: false, status: 'claimed' }));
  });

  it('never hands out a delivered slot again', async () => {
    await claim(T0, 'a', ctx.database.db);
    expect(
      await finishDelivery(
        ctx.database.db,
        { ...key, claimToken: 'a', now: T0 },
        { status: 'delivered', messageTs: '1.2' },
      ),
    ).toBe(true);
    expect(await claim(later(LEASE * 10), 'b', ctx.database.db)).toEqual({ claimed: false, status: 'delivered' });
  });

  it('lets a dead process’s claim be taken over after the lease, by one process only', async () => {
    await claim(T0, 'dead', ctx.database.db);
    expect(await claim(later(LEASE - 1000), 'early', ctx.database.db)).toEqual({ claimed: false, status: 'claimed' });
    const other = ctx.openAnother();
    const racing = await Promise.all([
      claim(later(LEASE + 1000), 'x', ctx.database.db),
      claim(later(LEASE + 1000), 'y', other.db),
    ]);
    expect(racing.filter((r) => r.claimed)).toEqual([{ claimed: true, attempts: 2 }]);
    // The dead process, should it wake up, cannot finish a claim that is no longer its own.
    expect(
      await finishDelivery(
        ctx.database.db,
        { ...key, claimToken: 'dead', now: later(LEASE + 2000) },
        { status: 'delivered', messageTs: null },
      ),
    ).toBe(false);
  });

  it('hands a retry out again only once its time has come', async () => {
    await claim(T0, 'a', ctx.database.db);
    await finishDelivery(
      ctx.database.db,
      { ...key, claimToken: 'a', now: T0 },
      { status: 'retry', retryAt: later(60_000), detail: 'http_503' },
    );
    expect(await claim(later(30_000), 'b', ctx.database.db)).toEqual({ claimed: false, status: 'retry' });
    expect(await claim(later(60_000), 'c', ctx.database.db)).toEqual({ claimed: true, attempts: 2 });
  });

  it('records a skip, which closes a pending retry but never a delivered slot', async () => {
    const skip = (now: Date) =>
      recordSkipped(ctx.database.db, {
        ...key,
        channelId: 'C0000000A',
        scheduledFor: T0,
        now,
        leaseMs: LEASE,
        detail: 'more than 24 h late',
      });
    expect(await skip(T0)).toBe(true);
    expect(await findDelivery(ctx.database.db, key)).toMatchObject({
      status: 'skipped',
      detail: 'more than 24 h late',
    });
    expect(await claim(later(1000), 'a', ctx.database.db)).toEqual({ claimed: false, status: 'skipped' });

    const other = { ...key, periodKey: '2026-12-07' };
    await claimDelivery(ctx.database.db, {
      ...other,
      channelId: 'C',
      scheduledFor: T0,
      now: T0,
      leaseMs: LEASE,
      claimToken: 't',
    });
    await finishDelivery(
      ctx.database.db,
      { ...other, claimToken: 't', now: T0 },
      { status: 'delivered', messageTs: null },
    );
    expect(
      await recordSkipped(ctx.database.db, {
        ...other,
        channelId: 'C',
        scheduledFor: T0,
        now: T0,
        leaseMs: LEASE,
        detail: 'x',
      }),
    ).toBe(false);
    expect(await findDelivery(ctx.database.db, other)).toMatchObject({ status: 'delivered' });
  });

  it('keeps workspaces apart', async () => {
    await claim(T0, 'a', ctx.database.db);
    expect(await findDelivery(ctx.database.db, { ...key, teamId: 'T0000000B' })).toBeNull();
  });
});
