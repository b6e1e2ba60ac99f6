import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../src/slack/installations/oauth-install.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID } from '../fakes/fake-slack.js';
import { finishInstall, installWorkspace, OAUTH_ENV, startInstall } from '../helpers/oauth-install.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const NEW_TEAM = 'T0NEWTEAM1';
const NEW_TOKEN = 'xoxb-newteam-SECRET-CANARY-1';
const OTHER_TEAM = 'T0OTHER002';
const OTHER_TOKEN = 'xoxb-other-SECRET-CANARY-2';
const MONDAY_9_SHANGHAI = new Date('2026-11-30T01:00:00Z');

/** HS256 check of a JWT with the given secret: the state Bolt signs is one. */
function signedWith(jwt: string, secret: string): boolean {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return false;
  return createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url') === signature;
}

describe('multi-workspace OAuth install end to end', () => {
  let t: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-26T02:00:00Z');
    t = await startTestBot({
      env: OAUTH_ENV,
      overrides: { clock: () => now, digests: { schedule: false, poster: { channelIntervalMs: 0 } } },
    });
  });
  afterEach(async () => {
    await t.close();
  });
  const tokensUsedFor = (method: string) => t.slack.calls.filter((c) => c.method === method).map((c) => c.token);
  const installations = () => t.bot.database.db.selectFrom('slack_installations').selectAll().execute();

  it('redirects /slack/install to Slack with the client id, the bot scopes and a signed state bound to a cookie', async () => {
    const start = await startInstall(t.baseUrl);
    expect(start.status).toBe(302);
    expect(start.location.origin + start.location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(start.location.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
    expect(start.location.searchParams.get('scope')?.split(',')).toEqual([...SLACK_BOT_SCOPES]);
    expect(signedWith(start.state, OAUTH_ENV.SLACK_STATE_SECRET)).toBe(true);
    expect(start.cookie).toBe(`slack-app-oauth-state=${start.state}`);
    // The secrets stay on the server.
    expect(start.location.toString()).not.toContain('CANARY');
  });

  it('stores the installation from the callback; that team is then answered with its own bot token', async () => {
    const start = await startInstall(t.baseUrl);
    t.slack.grantInstall('code-new', { teamId: NEW_TEAM, teamName: 'New Team', botToken: NEW_TOKEN });
    const done = await finishInstall(t.baseUrl, { code: 'code-new', state: start.state, cookie: start.cookie });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Quota Bot is now installed in New Team.');
    expect(done.body).toContain(`slack://app?team=${NEW_TEAM}&#38;id=A0QUOTABOT`);

    const exchange = t.slack.calls.find((c) => c.method === 'oauth.v2.access');
    expect(exchange?.args).toMatchObject({ code: 'code-new', client_id: OAUTH_ENV.SLACK_CLIENT_ID });
    expect(await installations()).toEqual([
      expect.objectContaining({ installation_key: `team:${NEW_TEAM}`, team_id: NEW_TEAM, is_enterprise_install: 0 }),
    ]);

    // A signed /quota setup from the new team: the admin check and the modal go out with that team's token.
    const res = await t.command('setup', { teamId: NEW_TEAM, userId: FAKE_ADMIN_USER_ID });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => tokensUsedFor('views.open').length === 1);
    expect(tokensUsedFor('users.info')).toEqual([NEW_TOKEN]);
    expect(tokensUsedFor('views.open')).toEqual([NEW_TOKEN]);

    // A mention from that team is answered in its thread with its token too.
    await t.mention('<@U0QUOTABOT> help', { eventId: 'Ev0NEW0001', teamId: NEW_TEAM });
    await t.slack.waitFor(() => t.slack.posts().length === 1);
    expect(t.slack.posts()[0]?.token).toBe(NEW_TOKEN);
  });

  it('keeps two installed workspaces apart: each request and each digest uses its own team’s token', async () => {
    expect((await installWorkspace(t, NEW_TEAM, NEW_TOKEN)).status).toBe(200);
    expect((await installWorkspace(t, OTHER_TEAM, OTHER_TOKEN)).status).toBe(200);
    for (const team of [NEW_TEAM, OTHER_TEAM]) {
      await t.addProvider('Acme', 'wx-acme', { teamId: team });
      const res = await t.command('subscribe mon 09:00', { teamId: team, userId: FAKE_ADMIN_USER_ID });
      expect(JSON.stringify(res.json)).toContain('will get the weekly quota digest');
    }
    t.wechat.setQuota('wx-acme', { rest: 13, limit: 27, speedup_rest: 2, speedup_limit: 3 });
    expect(tokensUsedFor('users.info').sort()).toEqual([NEW_TOKEN, OTHER_TOKEN].sort());

    now = MONDAY_9_SHANGHAI;
    await t.bot.digests.runDue(MONDAY_9_SHANGHAI);
    const digests = t.slack.posts().filter((c) => c.args.channel === FAKE_CHANNEL_ID);
    expect(digests.map((c) => c.token).sort()).toEqual([NEW_TOKEN, OTHER_TOKEN].sort());
  });

  it('does not answer a workspace that never installed the app', async () => {
    await installWorkspace(t, NEW_TEAM, NEW_TOKEN);
    await t.command('setup', { teamId: 'T0STRANGER', userId: FAKE_ADMIN_USER_ID });
    await t.mention('<@U0QUOTABOT> help', { eventId: 'Ev0STRANGE', teamId: 'T0STRANGER' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tokensUsedFor('views.open')).toEqual([]);
    expect(t.slack.posts()).toEqual([]);
    expect(t.logs.join('\n')).toContain('ignored a Slack request from a workspace where the app is not installed');
  });

  it('refuses a callback whose state was not signed by this app, or that lacks the browser cookie', async () => {
    const start = await startInstall(t.baseUrl);
    t.slack.grantInstall('code-new', { teamId: NEW_TEAM, botToken: NEW_TOKEN });
    const [header, payload] = start.state.split('.');
    const forgedSignature = createHmac('sha256', 'not-our-secret').update(`${header}.${payload}`).digest('base64url');
    const forged = `${header}.${payload}.${forgedSignature}`;

    const bad = await finishInstall(t.baseUrl, {
      code: 'code-new',
      state: forged,
      cookie: `slack-app-oauth-state=${forged}`,
    });
    const noCookie = await finishInstall(t.baseUrl, { code: 'code-new', state: start.state, cookie: null });
    for (const answer of [bad, noCookie]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('This install link has expired or was opened in another browser');
      expect(answer.body).toContain('href="/slack/install"');
    }
    expect(t.slack.calls.filter((c) => c.method === 'oauth.v2.access')).toEqual([]);
    expect(await installations()).toEqual([]);
  });

  it('speaks the browser’s language on the result page, and shows a workspace name only as text', async () => {
    const start = await startInstall(t.baseUrl);
    t.slack.grantInstall('code-zh', {
      teamId: NEW_TEAM,
      teamName: '<img src=x onerror=alert(1)>',
      botToken: NEW_TOKEN,
    });
    const done = await finishInstall(t.baseUrl, {
      code: 'code-zh',
      state: start.state,
      cookie: start.cookie,
      acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8',
    });
    expect(done.status).toBe(200);
    expect(done.body).toContain('<html lang="zh-CN">');
    expect(done.body).toContain('Quota Bot 已安装到 &#60;img src=x onerror=alert(1)&#62;。');
    expect(done.body).not.toContain('<img');

    // Pressing Cancel on Slack's page: Slack comes back with error=access_denied and no code.
    const again = await startInstall(t.baseUrl);
    const res = await request(`${t.baseUrl}/slack/oauth_redirect?error=access_denied&state=${again.state}`, {
      headers: { cookie: again.cookie, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('The install was cancelled in Slack. Nothing was installed.');
  });

  it('never writes a bot token or the app secrets to the log', async () => {
    await installWorkspace(t, NEW_TEAM, NEW_TOKEN);
    await t.command('setup', { teamId: NEW_TEAM, userId: FAKE_ADMIN_USER_ID });
    await t.slack.waitFor(() => tokensUsedFor('views.open').length === 1);
    const logs = t.logs.join('\n');
    expect(logs).toContain('Slack app installed');
    expect(logs).not.toContain('CANARY');
    expect(logs).not.toContain('xoxb-');
  });
});
