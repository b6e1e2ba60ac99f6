import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProvider } from '../../src/store/providers.js';
import { recordSnapshot } from '../../src/store/snapshots.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const THURSDAY = new Date('2026-11-26T02:00:00Z'); // Thu 26 Nov, 10:00 Beijing time
const MONDAY_9_BERLIN = new Date('2026-11-30T08:00:00Z'); // Mon 30 Nov, 09:00 in Berlin (UTC+1)
const HOUR = 3_600_000;
const admin = { userId: FAKE_ADMIN_USER_ID };
const shown = (res: { json: unknown }) => JSON.stringify(res.json);

describe('weekly digest and alerts end to end', () => {
  let t: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = THURSDAY;
    t = await startTestBot({
      overrides: { clock: () => now, digests: { schedule: false, poster: { channelIntervalMs: 0 } } },
    });
    await t.addProvider('Acme', 'wx-acme');
    const acme = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Acme');
    for (const [at, rest] of [
      ['2026-11-16T08:00:00Z', 27],
      ['2026-11-23T08:00:00Z', 20],
      ['2026-11-26T08:00:00Z', 16],
    ] as const) {
      await recordSnapshot(t.bot.database.db, {
        teamId: FAKE_TEAM_ID,
        providerId: acme?.id ?? '',
        reading: { rest, limit: 27, speedupRest: 3, speedupLimit: 3, checkedAt: new Date(at) },
      });
    }
    t.wechat.setQuota('wx-acme', { rest: 13, limit: 27, speedup_rest: 2, speedup_limit: 3 });
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses /quota subscribe to someone who is not a workspace admin, and stores nothing', async () => {
    const res = await t.command('subscribe mon 09:00');
    expect(shown(res)).toContain('or people they added with `/quota admins add`, can subscribe a channel');
    expect(shown(await t.command('subscriptions'))).toContain('No channel gets the weekly quota digest');
  });

  it('an admin subscribes; Monday 09:00 in the channel’s zone brings one digest with the right numbers, once', async () => {
    const res = await t.command('subscribe mon 09:00 Europe/Berlin', admin);
    expect(shown(res)).toContain(
      `<#${FAKE_CHANNEL_ID}> will get the weekly quota digest Mondays at 09:00 (Europe/Berlin)`,
    );
    expect(shown(res)).toContain('Mon 30 Nov, 09:00');
    expect(shown(await t.command('subscriptions'))).toContain('digest Mondays at 09:00 (Europe/Berlin)');

    expect((await t.bot.digests.runDue(new Date(MONDAY_9_BERLIN.getTime() - 60_000))).entries).toEqual([]);
    await t.bot.digests.runDue(MONDAY_9_BERLIN);
    await t.bot.digests.runDue(new Date(MONDAY_9_BERLIN.getTime() + 60_000));

    const posts = t.slack.posts().filter((c) => c.args.channel === FAKE_CHANNEL_ID);
    expect(posts).toHaveLength(1);
    const digest = { text: String(posts[0]?.args.text), blocks: posts[0]?.args.blocks as unknown[] };
    // 20 → 16 → 13 this week: 7 used; 13 left at 1 a day runs out on Sun 13 Dec, after the 1 Dec reset.
    expect(digest.text).toContain('Acme 13 of 27 left, 7 used this week, on track');
    expect(JSON.stringify(digest.blocks)).toContain('expedited *2 of 3*');
    assertWithinBlockKitLimits(digest);
    expect(t.wechat.calls).toHaveLength(1);
  });

  it('names a channel by #name, and explains how to invite the bot into one it is not in', async () => {
    t.slack.channels.set('C0OPS00001', { name: 'mini-program-ops-2', isMember: true });
    t.slack.channels.set('C0OUT00001', { name: 'outside', isMember: false });
    expect(shown(await t.command('subscribe #mini-program-ops-2 fri 17:00', admin))).toContain(
      '<#C0OPS00001> will get',
    );
    const refused = shown(await t.command('subscribe <#C0OUT00001|outside>', admin));
    expect(refused).toContain("I'm not a member of <#C0OUT00001>");
    expect(refused).toContain('/invite @Quota Bot');
    expect(shown(await t.command('subscribe #no-such-channel', admin))).toContain(
      "can't find a channel called #no-such-channel",
    );
    expect(shown(await t.command('subscribe funday 25:99', admin))).toContain('weekday “funday”');
  });

  it('catches up 3 hours late, records a skip past the cut-off, and pauses and tells the admin on not_in_channel', async () => {
    await t.command('subscribe mon 09:00 Europe/Berlin', admin);
    expect((await t.bot.digests.runDue(new Date(MONDAY_9_BERLIN.getTime() + 3 * HOUR))).entries).toMatchObject([
      { outcome: 'posted' },
    ]);
    const nextWeekLate = new Date(MONDAY_9_BERLIN.getTime() + (7 * 24 + 30) * HOUR);
    expect((await t.bot.digests.runDue(nextWeekLate)).entries).toMatchObject([
      { outcome: 'skipped', periodKey: '2026-12-07' },
    ]);

    t.slack.channels.set(FAKE_CHANNEL_ID, { name: 'mini-program-ops', isMember: false });
    const thirdWeek = new Date(MONDAY_9_BERLIN.getTime() + 14 * 24 * HOUR);
    expect((await t.bot.digests.runDue(thirdWeek)).entries).toMatchObject([
      { outcome: 'paused', detail: 'not_in_channel' },
    ]);
    const dm = t.slack.posts().find((c) => c.args.channel === FAKE_ADMIN_USER_ID);
    expect(String(dm?.args.text)).toContain('/invite @Quota Bot');
    expect(shown(await t.command('subscriptions'))).toContain('paused (not_in_channel)');
  });

  it('alerts once per crossing: /quota alert 5 warns when 5 are left, not again on the next tick', async () => {
    const set = await t.command('alert 5', admin);
    expect(shown(set)).toContain('will be warned when a provider');
    expect(shown(await t.command('alert 200%', admin))).toContain('from 1% to 99%');
    expect(shown(await t.command('alert 5', { userId: 'U0NOTADMIN' }))).toContain(
      'or people they added with `/quota admins add`, can set low-quota alerts',
    );

    t.wechat.setQuota('wx-acme', { rest: 5, limit: 27, speedup_rest: 2, speedup_limit: 3 });
    const ticks = [20, 40, 60].map((m) => new Date(THURSDAY.getTime() + m * 60_000));
    for (const at of ticks) await t.bot.digests.runDue(at);
    const alerts = t.slack.posts().filter((c) => String(c.args.text).startsWith('Low audit quota'));
    expect(alerts.map((c) => c.args.text)).toEqual([
      'Low audit quota: Acme has 5 of 27 audits left (alert at 5 audits left).',
    ]);
    expect(shown(await t.command('alert off', admin))).toContain('is off');
  });
});
