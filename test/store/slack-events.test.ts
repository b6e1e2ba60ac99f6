import { expect, it } from 'vitest';
import { claimEvent, completeEvent, pruneEvents } from '../../src/store/slack-events.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TEAM = 'T0000000A';
const STALE_MS = 60_000;
const t0 = new Date('2026-11-26T10:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describeEachDatabase('slack event dedupe', (ctx) => {
  const claim = (eventId: string, now: Date, db = ctx.database.db) =>
    claimEvent(db, { eventId, teamId: TEAM, now, staleAfterMs: STALE_MS });

  it('the first claim wins; a retry of the same event does not', async () => {
    expect(await claim('Ev1', t0)).toBe(true);
    expect(await claim('Ev1', later(1_000))).toBe(false);
    expect(await claim('Ev2', later(1_000))).toBe(true);
  });

  it('a completed event is never claimed again, however late the retry', async () => {
    expect(await claim('Ev1', t0)).toBe(true);
    await completeEvent(ctx.database.db, 'Ev1', later(500));
    expect(await claim('Ev1', later(STALE_MS * 10))).toBe(false);
  });

  it('a claim that never completed is taken over once it is stale, by one caller only', async () => {
    expect(await claim('Ev1', t0)).toBe(true);
    expect(await claim('Ev1', later(STALE_MS - 1))).toBe(false);
    expect(await claim('Ev1', later(STALE_MS))).toBe(false);
    expect(await claim('Ev1', later(STALE_MS + 1))).toBe(true);
    // The takeover is itself a fresh claim: not stale again until another staleAfterMs passes.
    expect(await claim('Ev1', later(STALE_MS + 2))).toBe(false);
    expect(await claim('Ev1', later(2 * STALE_MS + 2))).toBe(true);
    await completeEvent(ctx.database.db, 'Ev1', later(2 * STALE_MS + 3));
    expect(await claim('Ev1', later(10 * STALE_MS))).toBe(false);
  });

  it('two connections (as two processes) claiming the same event: exactly one wins', async () => {
    const other = ctx.openAnother();
    const outcomes = [await claim('Ev1', t0), await claim('Ev1', t0, other.db)];
    expect(outcomes.sort()).toEqual([false, true]);
  });

  it('many concurrent claims of one event, new or stale: exactly one wins, every round', async () => {
    const pools = [ctx.database, ctx.openAnother(), ctx.openAnother()];
    for (let round = 0; round < 5; round++) {
      const eventId = `EvRace${round}`;
      const fresh = await Promise.all(
        Array.from({ length: 30 }, (_, i) => claim(eventId, t0, (pools[i % pools.length] ?? ctx.database).db)),
      );
      expect(fresh.filter(Boolean)).toHaveLength(1);

      const takeover = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          claim(eventId, later(STALE_MS + 1), (pools[i % pools.length] ?? ctx.database).db),
        ),
      );
      expect(takeover.filter(Boolean)).toHaveLength(1);
    }
  });

  it('prunes claims older than the cutoff, completed or not, and reports how many', async () => {
    await claim('Old1', t0);
    await claim('Old2', later(1));
    await completeEvent(ctx.database.db, 'Old2', later(2));
    await claim('New1', later(10_000));

    expect(await pruneEvents(ctx.database.db, later(5_000))).toBe(2);
    expect(await pruneEvents(ctx.database.db, later(5_000))).toBe(0);
    // A pruned event id is unknown again; the kept one is still deduplicated.
    expect(await claim('New1', later(10_001))).toBe(false);
    expect(await claim('Old1', later(10_001))).toBe(true);
  });
});
