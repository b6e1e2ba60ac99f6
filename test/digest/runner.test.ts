import { afterEach, beforeEach, expect, it } from 'vitest';
import { claimDelivery, listDeliveries } from '../../src/store/deliveries.js';
import { findSubscription, saveSubscription } from '../../src/store/subscriptions.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addProvider, type DigestHarness, digestHarness, seedReadings } from '../helpers/digest-harness.js';

const TEAM = 'T0FAKE001';
const SUBSCRIBED_AT = new Date('2026-11-12T00:00:00Z'); // Thu 12 Nov
const SLOT = new Date('2026-11-16T01:00:00Z'); // Mon 16 Nov, 09:00 Beijing time
const HOUR = 3_600_000;
const at = (ms: number) => new Date(SLOT.getTime() + ms);
const quota = (rest: number) => ({ rest, limit: 27, speedup_rest: 1, speedup_limit: 3 });

describeEachDatabase('digest runs', (ctx) => {
  let slack: FakeSlack;
  let wechat: FakeWeChat;
  let h: DigestHarness;
  beforeEach(async () => {
    slack = await startFakeSlack();
    wechat = await startFakeWeChat();
    h = digestHarness(ctx, ctx.database, { slack, wechat });
    h.now = SLOT;
  });
  afterEach(async () => {
    await h.close();
    await Promise.all([slack.close(), wechat.close()]);
  });

  const subscribe = (channelId: string, subscribedBy: string | null = 'U0ADMIN001') =>
    saveSubscription(ctx.database.db, {
      teamId: TEAM,
      channelId,
      schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
      subscribedBy,
      now: SUBSCRIBED_AT,
    });
  const postsTo = (channel: string) => slack.posts().filter((c) => c.args.channel === channel);

  it('posts the digest at the slot with audits left, this week’s use, the trend and the forecast; once', async () => {
    const acme = await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await seedReadings(ctx, acme, [
      ['2026-11-02T01:00:00Z', 27],
      ['2026-11-09T01:00:00Z', 14],
      ['2026-11-12T01:00:00Z', 10],
    ]);
    wechat.setQuota('wx-acme', quota(7));
    await subscribe('C0CHANNEL1');

    expect((await h.scheduler.runDue(at(-60_000))).entries).toEqual([]);
    const report = await h.scheduler.runDue(SLOT);

    expect(report.entries).toMatchObject([
      { kind: 'digest', channelId: 'C0CHANNEL1', periodKey: '2026-11-16', outcome: 'posted' },
    ]);
    const [post] = postsTo('C0CHANNEL1');
    const shown = JSON.stringify(post?.args.blocks);
    expect(String(post?.args.text)).toContain('Acme 7 of 27 left, 7 used this week, runs out Mon 23 Nov');
    expect(shown).toContain('*7 of 27* audits left');
    expect(shown).toContain('Used this week: *7*');
    expect(shown).toContain('8 weeks ·····▁█▅');
    expect(shown).toContain('run out on *Mon 23 Nov*, 8 days before the reset');

    // Snapshots of the run are stamped with the run's instant.
    const again = await h.scheduler.runDue(at(60_000));
    expect(again.entries).toEqual([]);
    expect(postsTo('C0CHANNEL1')).toHaveLength(1);
    const sub = await findSubscription(ctx.database.db, TEAM, 'C0CHANNEL1');
    expect(sub?.nextDueAt.toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });

  it('asks WeChat once per provider per run, however many channels subscribe', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await addProvider(ctx, TEAM, 'Globex', 'wx-globex');
    wechat.setQuota('wx-acme', quota(7));
    wechat.setQuota('wx-globex', quota(20));
    for (const channel of ['C0000000A', 'C0000000B', 'C0000000C']) await subscribe(channel);

    await h.scheduler.runDue(SLOT);

    expect(wechat.calls.map((c) => c.token).sort()).toEqual(['wx-acme', 'wx-globex']);
    expect(
      slack
        .posts()
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['C0000000A', 'C0000000B', 'C0000000C']);
  });

  it('still posts a digest 3 hours late, and records one more than 24 hours late as skipped', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    wechat.setQuota('wx-acme', quota(7));
    await subscribe('C0CHANNEL1');

    h.now = at(3 * HOUR);
    expect((await h.scheduler.runDue(at(3 * HOUR))).entries).toMatchObject([
      { outcome: 'posted', periodKey: '2026-11-16' },
    ]);

    // Down for the whole next week: Monday 23 Nov is 25 h late by Tuesday 10:00.
    h.now = at(7 * 24 * HOUR + 25 * HOUR);
    const late = await h.scheduler.runDue(h.now);
    expect(late.entries).toMatchObject([
      { outcome: 'skipped', periodKey: '2026-11-23', detail: 'more than 24 h late' },
    ]);
    expect(postsTo('C0CHANNEL1')).toHaveLength(1);
    const ledger = await listDeliveries(ctx.database.db, TEAM);
    expect(ledger.map((d) => [d.periodKey, d.status])).toEqual([
      ['2026-11-16', 'delivered'],
      ['2026-11-23', 'skipped'],
    ]);
    // And the week after is delivered as usual.
    h.now = at(14 * 24 * HOUR);
    expect((await h.scheduler.runDue(h.now)).entries).toMatchObject([{ outcome: 'posted', periodKey: '2026-11-30' }]);
  });

  it('pauses a channel the bot was removed from, tells whoever subscribed it, and still serves the others', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    wechat.setQuota('wx-acme', quota(7));
    slack.channels.set('C0GONE0001', { name: 'old-ops', isMember: false });
    await subscribe('C0GONE0001', 'U0LEAD0001');
    await subscribe('C0CHANNEL1');

    const report = await h.scheduler.runDue(SLOT);

    expect(report.entries.map((e) => [e.channelId, e.outcome, e.detail])).toEqual(
      expect.arrayContaining([
        ['C0GONE0001', 'paused', 'not_in_channel'],
        ['C0CHANNEL1', 'posted', undefined],
      ]),
    );
    const dm = slack.posts().find((c) => c.args.channel === 'U0LEAD0001');
    expect(String(dm?.args.text)).toContain('/invite @Quota Bot');
    expect((await findSubscription(ctx.database.db, TEAM, 'C0GONE0001'))?.pausedReason).toBe('not_in_channel');
    // Paused: the next week nothing is attempted there, and nobody is told twice.
    h.now = at(7 * 24 * HOUR);
    await h.scheduler.runDue(h.now);
    expect(slack.calls.filter((c) => c.args.channel === 'C0GONE0001')).toHaveLength(1);
    expect(slack.calls.filter((c) => c.args.channel === 'U0LEAD0001')).toHaveLength(1);
  });

  it('leaves a digest Slack failed to take for a later tick and posts it once Slack is back', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    wechat.setQuota('wx-acme', quota(7));
    await subscribe('C0CHANNEL1');
    slack.failChannel('C0CHANNEL1', 'internal_error');

    const first = await h.scheduler.runDue(SLOT);
    expect(first.entries).toMatchObject([{ outcome: 'retry' }]);
    expect((await h.scheduler.runDue(at(30_000))).entries).toEqual([]);

    slack.failChannel('C0CHANNEL1', null);
    h.now = at(2 * 60_000);
    expect((await h.scheduler.runDue(h.now)).entries).toMatchObject([{ outcome: 'posted', periodKey: '2026-11-16' }]);
    expect(postsTo('C0CHANNEL1')).toHaveLength(1);
  });

  it('delivers a slot whose process died after claiming it, once the lease has passed', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    wechat.setQuota('wx-acme', quota(7));
    const { subscription } = await subscribe('C0CHANNEL1');
    await claimDelivery(ctx.database.db, {
      teamId: TEAM,
      kind: 'digest',
      targetId: subscription.id,
      periodKey: '2026-11-16',
      channelId: 'C0CHANNEL1',
      scheduledFor: SLOT,
      now: SLOT,
      leaseMs: 600_000,
      claimToken: 'crashed-process',
    });

    h.now = at(5 * 60_000);
    expect((await h.scheduler.runDue(h.now)).entries).toEqual([]);
    h.now = at(11 * 60_000);
    expect((await h.scheduler.runDue(h.now)).entries).toMatchObject([{ outcome: 'posted' }]);
    expect(postsTo('C0CHANNEL1')).toHaveLength(1);
  });

  it('a dry run shows what would be posted, from stored readings, and sends, claims and records nothing', async () => {
    const acme = await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await seedReadings(ctx, acme, [['2026-11-15T01:00:00Z', 9]]);
    await subscribe('C0CHANNEL1');

    const report = await h.scheduler.runDue(SLOT, { dryRun: true });

    expect(report.entries).toMatchObject([{ outcome: 'would-post', channelId: 'C0CHANNEL1' }]);
    expect(report.entries[0]?.text).toContain('Acme 9 of 27 left');
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(wechat.calls).toEqual([]);
    expect(await listDeliveries(ctx.database.db, TEAM)).toEqual([]);
    expect((await h.scheduler.runDue(SLOT)).entries).toMatchObject([{ outcome: 'posted' }]);
  });
});
