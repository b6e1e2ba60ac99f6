import { afterEach, beforeEach, expect, it } from 'vitest';
import { listDeliveries } from '../../src/store/deliveries.js';
import { saveSubscription } from '../../src/store/subscriptions.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addProvider, type DigestHarness, digestHarness } from '../helpers/digest-harness.js';

const PROCESSES = 4;
const ROUNDS = 10;
const WEEK = 7 * 86_400_000;
const FIRST_SLOT = new Date('2026-11-30T01:00:00Z'); // Mon 30 Nov, 09:00 Beijing time
const TEAMS = ['T0TEAM0001', 'T0TEAM0002'];
const CHANNELS = ['A', 'B', 'C'];
/** Distinct channel ids per workspace, so each post is attributable. */
const channelOf = (team: string, channel: string) => `C0${team.slice(-1)}00000${channel}`;

describeEachDatabase('several schedulers on one database', (ctx) => {
  let slack: FakeSlack;
  let wechat: FakeWeChat;
  let schedulers: DigestHarness[];
  beforeEach(async () => {
    slack = await startFakeSlack();
    wechat = await startFakeWeChat();
    // Each scheduler has its own connection pool, as separate processes would.
    schedulers = Array.from({ length: PROCESSES }, (_, i) =>
      digestHarness(ctx, i === 0 ? ctx.database : ctx.openAnother(), { slack, wechat }),
    );
  });
  afterEach(async () => {
    await Promise.all(schedulers.map((s) => s.close()));
    await Promise.all([slack.close(), wechat.close()]);
  });

  it(`post each digest exactly once per channel per week (${ROUNDS} rounds of ${PROCESSES} racing runs)`, async () => {
    for (const team of TEAMS) {
      await addProvider(ctx, team, 'Acme', `wx-${team}`);
      wechat.setQuota(`wx-${team}`, { rest: 20, limit: 27, speedup_rest: 1, speedup_limit: 3 });
      for (const channel of CHANNELS) {
        await saveSubscription(ctx.database.db, {
          teamId: team,
          channelId: channelOf(team, channel),
          schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
          subscribedBy: null,
          now: new Date('2026-11-26T00:00:00Z'),
        });
      }
    }

    for (let round = 0; round < ROUNDS; round++) {
      // Each process runs a few seconds apart within the same minute, like ticks of unsynchronised clocks.
      const at = new Date(FIRST_SLOT.getTime() + round * WEEK);
      for (const s of schedulers) s.now = at;
      await Promise.all(schedulers.map((s, i) => s.scheduler.runDue(new Date(at.getTime() + i * 1000))));

      const posts = slack.posts();
      for (const team of TEAMS) {
        for (const channel of CHANNELS) {
          const id = channelOf(team, channel);
          const count = posts.filter((p) => p.args.channel === id).length;
          expect(count, `${id} after round ${round + 1}`).toBe(round + 1);
        }
      }
    }
    for (const team of TEAMS) {
      const ledger = await listDeliveries(ctx.database.db, team);
      expect(ledger).toHaveLength(ROUNDS * CHANNELS.length);
      expect(new Set(ledger.map((d) => d.status))).toEqual(new Set(['delivered']));
    }
  });
});
