import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { saveProvider } from '../../src/store/providers.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { type FakeTokenServer, startTokenServer } from '../helpers/central-token-server.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';
import { postPush, signPush, ticketMessage } from '../helpers/wechat-push.js';

const APP = 'wxc0c0c0c0c0c0c0c0';
const AUTHORIZER = 'wxa1a1a1a1a1a1a1a1';
const PUSH_TOKEN = 'pushTokenCanary2';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF2';
const QUOTA = { rest: 12, limit: 30, speedup_rest: 2, speedup_limit: 3 };

/** Sends `/quota` every `everyMs` for `forMs`, returning each answer's text. */
async function keepAsking(t: TestBot, forMs: number, everyMs: number): Promise<string[]> {
  const texts: string[] = [];
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    const res = await t.command('');
    const body = res.json as { text?: string } | null;
    // A slow answer arrives through response_url instead of the ack.
    texts.push(body?.text?.includes('Checking') ? await lateAnswer(t) : String(body?.text));
    await delay(everyMs);
  }
  return texts;
}

async function lateAnswer(t: TestBot): Promise<string> {
  const count = t.slack.responses.length;
  await t.slack.waitFor(() => t.slack.responses.length > count, 8000);
  return String(t.slack.responses.at(-1)?.body.text);
}

describe('tokens that stay fresh, end to end', () => {
  let t: TestBot;
  let server: FakeTokenServer | null = null;
  afterEach(async () => {
    await t.close();
    await server?.close();
    server = null;
  });

  it('component: after one pushed ticket, /quota keeps answering across token expiries with nobody acting', async () => {
    t = await startTestBot({ env: { QUOTA_CACHE_TTL_SECONDS: '0' } });
    const platform = t.wechat.component;
    platform.addComponent(APP, 'component-secret-canary');
    platform.addAuthorizer(AUTHORIZER, { refreshToken: 'refresh-canary', quota: QUOTA });
    platform.setLifetimes({ component: 2, authorizer: 1 });
    platform.rotateRefreshTokens(true);
    await saveProvider(t.bot.database.db, t.bot.box, {
      teamId: FAKE_TEAM_ID,
      name: 'Acme',
      credentials: {
        kind: 'component',
        componentAppId: APP,
        componentSecret: 'component-secret-canary',
        authorizerAppId: AUTHORIZER,
        refreshToken: 'refresh-canary',
        callbackToken: PUSH_TOKEN,
        encodingAesKey: KEY,
      },
      tokenExpiresAt: null,
      now: new Date(),
      configuredBy: FAKE_ADMIN_USER_ID,
    });
    const before = JSON.stringify((await t.command('')).json);
    expect(before).toContain('has not pushed a component verify ticket yet');

    const ticket = 'ticket@@@e2e-canary';
    platform.setTicket(APP, ticket);
    const push = signPush({ token: PUSH_TOKEN, encodingAesKey: KEY, appId: APP, message: ticketMessage(APP, ticket) });
    expect((await postPush(t.baseUrl, push)).text).toBe('success');

    const answers = await keepAsking(t, 4500, 250);
    expect(answers.length).toBeGreaterThanOrEqual(5);
    for (const text of answers) expect(text).toContain('12 of 30');
    // Several lifetimes passed: refreshed each time, but far less often than asked.
    expect(platform.counts.authorizer).toBeGreaterThanOrEqual(3);
    expect(platform.counts.authorizer).toBeLessThan(answers.length);
    expect(platform.counts.component).toBeGreaterThanOrEqual(2);

    const status = JSON.stringify((await t.command('status')).json);
    expect(status).toContain('refreshed by the bot');
    expect(status).toContain('last ticket');
    const logs = t.logs.join('\n');
    for (const secret of ['canary', PUSH_TOKEN, KEY, '"aat-', 'rotated-']) expect(logs).not.toContain(secret);
  }, 20_000);

  it('central: /quota keeps answering while the token server rotates short-lived tokens', async () => {
    t = await startTestBot({ env: { QUOTA_CACHE_TTL_SECONDS: '0' } });
    server = await startTokenServer();
    let issued = 0;
    let current = { token: '', expiresAt: 0 };
    server.answerWith(() => {
      if (current.expiresAt - Date.now() < 300) {
        issued += 1;
        current = { token: `central-token-canary-${issued}`, expiresAt: Date.now() + 1000 };
        t.wechat.setQuota(current.token, QUOTA);
      }
      const body = { access_token: current.token, expires_at: new Date(current.expiresAt).toISOString() };
      return { body: JSON.stringify(body) };
    });
    await saveProvider(t.bot.database.db, t.bot.box, {
      teamId: FAKE_TEAM_ID,
      name: 'Globex',
      credentials: {
        kind: 'central',
        url: `${server.url}/token?key=url-canary`,
        header: { name: 'X-Key', value: 'header-canary' },
      },
      tokenExpiresAt: null,
      now: new Date(),
    });
    const answers = await keepAsking(t, 3000, 200);
    for (const text of answers) expect(text).toContain('12 of 30');
    expect(issued).toBeGreaterThanOrEqual(3);
    expect(server.requests.length).toBeLessThan(answers.length);
    expect(server.requests.every((r) => r.headers['x-key'] === 'header-canary')).toBe(true);
    expect(t.logs.join('\n')).not.toContain('canary');
  }, 20_000);
});
