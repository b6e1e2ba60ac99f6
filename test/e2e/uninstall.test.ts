import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { installWorkspace, OAUTH_ENV } from '../helpers/oauth-install.js';
import { seedTeam, teamRowCounts } from '../helpers/seed-team.js';
import { postSigned } from '../helpers/slack-requests.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/start-bot.js';

const GONE = 'T0GONE0001';
const GONE_TOKEN = 'xoxb-gone-SECRET-1';
const STAY = 'T0STAY0002';
const STAY_TOKEN = 'xoxb-stay-SECRET-2';

/** An Events API envelope as Slack sends it for app-level events (no channel, no user). */
function appEvent(teamId: string, eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0QUOTABOT',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { ...event, event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: 'U0QUOTABOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

const sendEvent = (t: TestBot, body: string) =>
  postSigned(`${t.baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/json');

const allZero = (counts: Record<string, number>) => Object.values(counts).every((count) => count === 0);

describe('uninstalling forgets the workspace end to end', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  /** Two installed workspaces with data in every team-scoped table, part of it written through the features. */
  async function twoInstalledWorkspaces(): Promise<Record<string, number>> {
    t = await startTestBot({ env: OAUTH_ENV, overrides: { digests: { schedule: false } } });
    for (const [team, token] of [
      [GONE, GONE_TOKEN],
      [STAY, STAY_TOKEN],
    ] as const) {
      expect((await installWorkspace(t, team, token)).status).toBe(200);
      await t.addProvider('Real', 'wx-real', { teamId: team });
      const res = await t.command('subscribe mon 09:00', { teamId: team, userId: FAKE_ADMIN_USER_ID });
      expect(JSON.stringify(res.json)).toContain('will get the weekly quota digest');
      // The rest of the team-scoped tables (one row each), as the other features would have written them.
      await seedTeam(t.bot.database.db, t.bot.box, team, { installation: false });
    }
    const before = await teamRowCounts(t.bot.database.db, STAY);
    expect(Object.values(before).every((count) => count > 0)).toBe(true);
    expect(await teamRowCounts(t.bot.database.db, GONE)).toEqual(before);
    return before;
  }

  it('app_uninstalled removes that team’s installation and all its data, and nothing of another team', async () => {
    const before = await twoInstalledWorkspaces();

    const res = await sendEvent(t, appEvent(GONE, 'Ev0UNINST01', { type: 'app_uninstalled' }));
    expect(res.status).toBe(200);
    await waitUntil(async () => allZero(await teamRowCounts(t.bot.database.db, GONE)));
    expect(await teamRowCounts(t.bot.database.db, STAY)).toEqual(before);

    // The uninstalled team is no longer answered; the other one still is, with its own token.
    await t.command('setup', { teamId: GONE, userId: FAKE_ADMIN_USER_ID });
    await t.command('setup', { teamId: STAY, userId: FAKE_ADMIN_USER_ID });
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'views.open'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.slack.calls.filter((c) => c.method === 'views.open').map((c) => c.token)).toEqual([STAY_TOKEN]);
    expect(t.logs.join('\n')).toContain('workspace data deleted');

    // Slack retries and the tokens_revoked that follows an uninstall change nothing more.
    await sendEvent(t, appEvent(GONE, 'Ev0UNINST01', { type: 'app_uninstalled' }));
    await sendEvent(t, appEvent(GONE, 'Ev0REVOKE01', { type: 'tokens_revoked', tokens: { bot: ['U0QUOTABOT'] } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await teamRowCounts(t.bot.database.db, STAY)).toEqual(before);
  });

  it('tokens_revoked for the bot forgets the team; for user tokens only it keeps everything', async () => {
    const before = await twoInstalledWorkspaces();

    await sendEvent(t, appEvent(STAY, 'Ev0REVOKE02', { type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } }));
    await sendEvent(t, appEvent(GONE, 'Ev0REVOKE03', { type: 'tokens_revoked', tokens: { bot: ['U0QUOTABOT'] } }));
    await waitUntil(async () => allZero(await teamRowCounts(t.bot.database.db, GONE)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await teamRowCounts(t.bot.database.db, STAY)).toEqual(before);

    // Digests for the forgotten team stop; the other team's still go out, with its own token.
    t.wechat.setQuota('wx-real', { rest: 13, limit: 27, speedup_rest: 2, speedup_limit: 3 });
    await t.bot.digests.runDue(new Date('2026-11-30T01:00:00Z'));
    const digests = t.slack.posts().filter((c) => c.args.channel === FAKE_CHANNEL_ID);
    expect(digests.map((c) => c.token)).toEqual([STAY_TOKEN]);
    expect(t.slack.calls.filter((c) => c.token === GONE_TOKEN && c.method === 'chat.postMessage')).toEqual([]);
  });

  it('refuses an unsigned uninstall event: nothing is deleted', async () => {
    const before = await twoInstalledWorkspaces();
    const res = await postSigned(
      `${t.baseUrl}/slack/events`,
      'not-the-signing-secret',
      appEvent(GONE, 'Ev0FORGED1', { type: 'app_uninstalled' }),
      'application/json',
    );
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await teamRowCounts(t.bot.database.db, GONE)).toEqual(before);
  });

  it('single-workspace mode forgets the workspace’s data on app_uninstalled too', async () => {
    t = await startTestBot({ overrides: { digests: { schedule: false } } });
    await seedTeam(t.bot.database.db, t.bot.box, FAKE_TEAM_ID, { installation: false });
    await seedTeam(t.bot.database.db, t.bot.box, STAY);
    await t.addProvider('Real', 'wx-real');
    const stay = await teamRowCounts(t.bot.database.db, STAY);

    await sendEvent(t, appEvent(FAKE_TEAM_ID, 'Ev0UNINST09', { type: 'app_uninstalled' }));
    await waitUntil(async () => allZero(await teamRowCounts(t.bot.database.db, FAKE_TEAM_ID)));
    expect(await teamRowCounts(t.bot.database.db, STAY)).toEqual(stay);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
