import { afterEach, beforeEach, expect, it } from 'vitest';
import { saveAlert } from '../../src/store/alerts.js';
import { listDeliveries } from '../../src/store/deliveries.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addProvider, type DigestHarness, digestHarness } from '../helpers/digest-harness.js';

const TEAM = 'T0FAKE001';
const START = new Date('2026-11-20T02:00:00Z');
const MINUTE = 60_000;
const quota = (rest: number, limit = 27) => ({ rest, limit, speedup_rest: 1, speedup_limit: 3 });

describeEachDatabase('low-quota alerts', (ctx) => {
  let slack: FakeSlack;
  let wechat: FakeWeChat;
  let h: DigestHarness;
  let minutes = 0;
  beforeEach(async () => {
    slack = await startFakeSlack();
    wechat = await startFakeWeChat();
    h = digestHarness(ctx, ctx.database, { slack, wechat });
    minutes = 0;
  });
  afterEach(async () => {
    await h.close();
    await Promise.all([slack.close(), wechat.close()]);
  });

  /** Advances time by 20 minutes (past the 15-minute poll interval), with WeChat now answering `rest`. */
  const tickWith = async (rest: number, limit = 27, at?: Date) => {
    wechat.setQuota('wx-acme', quota(rest, limit));
    minutes += 20;
    h.now = at ?? new Date(START.getTime() + minutes * MINUTE);
    return h.scheduler.runDue(h.now);
  };
  const alerts = () =>
    slack
      .posts()
      .filter((c) => c.args.channel === 'C0CHANNEL1')
      .map((c) => String(c.args.text));
  const setAlert = (threshold: { unit: 'count' | 'percent'; value: number }) =>
    saveAlert(ctx.database.db, { teamId: TEAM, channelId: 'C0CHANNEL1', threshold, setBy: 'U0ADMIN001', now: START });

  it('warns once when audits left fall to the threshold, not on every tick after', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await setAlert({ unit: 'count', value: 5 });

    await tickWith(9);
    expect(alerts()).toEqual([]);
    await tickWith(5);
    expect(alerts()).toEqual(['Low audit quota: Acme has 5 of 27 audits left (alert at 5 audits left).']);
    await tickWith(4);
    await tickWith(2);
    expect(alerts()).toHaveLength(1);
  });

  it('re-arms when audits left rise above it (a temporary grant) and warns on the next drop', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await setAlert({ unit: 'count', value: 5 });

    await tickWith(5);
    await tickWith(10, 32);
    await tickWith(10, 32);
    expect(alerts()).toHaveLength(1);
    await tickWith(3, 32);
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]).toContain('3 of 32');
  });

  it('re-arms at the monthly reset and warns again in the new month', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await setAlert({ unit: 'percent', value: 20 });

    await tickWith(5);
    expect(alerts()).toHaveLength(1);
    // 1 Dec 00:00 Beijing time is 30 Nov 16:00 UTC: the quota is full again, then drops within December.
    await tickWith(27, 27, new Date('2026-11-30T17:00:00Z'));
    await tickWith(5, 27, new Date('2026-12-20T02:00:00Z'));
    expect(alerts()).toHaveLength(2);
    const keys = (await listDeliveries(ctx.database.db, TEAM)).map((d) => d.periodKey.split(':').slice(1).join(':'));
    expect(keys).toEqual(['2026-11:0', '2026-12:0']);
  });

  it('warns at once when the quota is already below a newly set threshold, and reads WeChat at most every 15 minutes', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await setAlert({ unit: 'count', value: 5 });
    wechat.setQuota('wx-acme', quota(2));
    h.now = START;
    await h.scheduler.runDue(START);
    for (let minute = 1; minute <= 10; minute++) await h.scheduler.runDue(new Date(START.getTime() + minute * MINUTE));
    expect(alerts()).toHaveLength(1);
    expect(wechat.calls).toHaveLength(1);
  });

  it('several processes evaluating the same reading post one warning', async () => {
    await addProvider(ctx, TEAM, 'Acme', 'wx-acme');
    await setAlert({ unit: 'count', value: 5 });
    const others = [
      digestHarness(ctx, ctx.openAnother(), { slack, wechat }),
      digestHarness(ctx, ctx.openAnother(), { slack, wechat }),
    ];
    wechat.setQuota('wx-acme', quota(4));
    try {
      await Promise.all([h, ...others].map((x) => x.scheduler.runDue(START)));
      wechat.setQuota('wx-acme', quota(8));
      const later = new Date(START.getTime() + 20 * MINUTE);
      await Promise.all([h, ...others].map((x) => x.scheduler.runDue(later)));
      wechat.setQuota('wx-acme', quota(1));
      const again = new Date(START.getTime() + 40 * MINUTE);
      await Promise.all([h, ...others].map((x) => x.scheduler.runDue(again)));
    } finally {
      await Promise.all(others.map((x) => x.close()));
    }
    expect(alerts()).toHaveLength(2);
  });
});
