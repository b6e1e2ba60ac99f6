import { expect, it } from 'vitest';
import { listActiveAlerts, listAlerts, removeAlert, saveAlert } from '../../src/store/alerts.js';
import {
  advanceSubscription,
  listDueSubscriptions,
  listSubscriptions,
  pauseSubscription,
  removeSubscription,
  saveSubscription,
} from '../../src/store/subscriptions.js';
import { describeEachDatabase } from '../helpers/databases.js';

const schedule = { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' };
const NOW = new Date('2026-11-26T02:00:00.000Z'); // Thu

describeEachDatabase('subscriptions and alerts repositories', (ctx) => {
  const subscribe = (teamId: string, channelId: string, now = NOW) =>
    saveSubscription(ctx.database.db, { teamId, channelId, schedule, subscribedBy: 'U1', now });

  it('subscribes a channel with its first digest at the next slot, and re-subscribing reschedules and resumes it', async () => {
    const first = await subscribe('T0000000A', 'C1');
    expect(first.replaced).toBe(false);
    expect(first.subscription.nextDueAt.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    await pauseSubscription(ctx.database.db, 'T0000000A', first.subscription.id, 'not_in_channel', NOW);
    const again = await saveSubscription(ctx.database.db, {
      teamId: 'T0000000A',
      channelId: 'C1',
      schedule: { ...schedule, weekday: 5 },
      subscribedBy: 'U2',
      now: NOW,
    });
    expect(again).toMatchObject({
      replaced: true,
      subscription: { id: first.subscription.id, pausedAt: null, subscribedBy: 'U2' },
    });
    expect(again.subscription.nextDueAt.toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });

  it('finds due subscriptions across workspaces, but not paused ones', async () => {
    const a = await subscribe('T0000000A', 'C1');
    await subscribe('T0000000B', 'C2');
    const paused = await subscribe('T0000000B', 'C3');
    await pauseSubscription(ctx.database.db, 'T0000000B', paused.subscription.id, 'is_archived', NOW);
    expect(await listDueSubscriptions(ctx.database.db, new Date('2026-11-30T00:59:00Z'))).toEqual([]);
    const due = await listDueSubscriptions(ctx.database.db, new Date('2026-11-30T01:00:00Z'));
    expect(due.map((s) => s.channelId).sort()).toEqual(['C1', 'C2']);
    // The cursor moves once: a second mover with the same expectation changes nothing.
    const moved = [
      await advanceSubscription(
        ctx.database.db,
        'T0000000A',
        a.subscription.id,
        a.subscription.nextDueAt,
        new Date('2026-12-07T01:00:00Z'),
      ),
      await advanceSubscription(
        ctx.database.db,
        'T0000000A',
        a.subscription.id,
        a.subscription.nextDueAt,
        new Date('2026-12-07T01:00:00Z'),
      ),
    ];
    expect(moved).toEqual([true, false]);
  });

  it('keeps workspaces apart when listing, pausing and removing', async () => {
    const a = await subscribe('T0000000A', 'C1');
    expect(await listSubscriptions(ctx.database.db, 'T0000000B')).toEqual([]);
    expect(await pauseSubscription(ctx.database.db, 'T0000000B', a.subscription.id, 'x', NOW)).toBe(false);
    expect(await removeSubscription(ctx.database.db, 'T0000000B', 'C1')).toBe(false);
    expect(await removeSubscription(ctx.database.db, 'T0000000A', 'C1')).toBe(true);
    expect(await listSubscriptions(ctx.database.db, 'T0000000A')).toEqual([]);
  });

  it('sets, changes and removes a channel’s alert', async () => {
    await saveAlert(ctx.database.db, {
      teamId: 'T0000000A',
      channelId: 'C1',
      threshold: { unit: 'count', value: 5 },
      setBy: 'U1',
      now: NOW,
    });
    const changed = await saveAlert(ctx.database.db, {
      teamId: 'T0000000A',
      channelId: 'C1',
      threshold: { unit: 'percent', value: 20 },
      setBy: 'U1',
      now: NOW,
    });
    expect(changed).toMatchObject({ replaced: true, alert: { threshold: { unit: 'percent', value: 20 } } });
    expect(await listActiveAlerts(ctx.database.db)).toHaveLength(1);
    expect(await listAlerts(ctx.database.db, 'T0000000B')).toEqual([]);
    expect(await removeAlert(ctx.database.db, 'T0000000A', 'C1')).toBe(true);
    expect(await removeAlert(ctx.database.db, 'T0000000A', 'C1')).toBe(false);
  });
});
