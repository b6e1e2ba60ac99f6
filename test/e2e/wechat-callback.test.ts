import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComponentCredentials } from '../../src/quota/types.js';
import { readTicket } from '../../src/store/component-tickets.js';
import { readProviderState } from '../../src/store/provider-state.js';
import { findProvider, saveProvider } from '../../src/store/providers.js';
import { listPushes } from '../../src/store/wechat-pushes.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';
import { authorizationMessage, postPush, signPush, ticketMessage } from '../helpers/wechat-push.js';

const APP = 'wxc0c0c0c0c0c0c0c0';
const AUTHORIZER = 'wxa1a1a1a1a1a1a1a1';
const TOKEN = 'pushTokenCanary1';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF1';
const credentials: ComponentCredentials = {
  kind: 'component',
  componentAppId: APP,
  componentSecret: 'component-secret-canary',
  authorizerAppId: AUTHORIZER,
  refreshToken: 'refresh-token-canary',
  callbackToken: TOKEN,
  encodingAesKey: KEY,
};
const TICKET = 'ticket@@@pushed-canary-0001';
const genuine = (message = ticketMessage(APP, TICKET), extra: Partial<Parameters<typeof signPush>[0]> = {}) =>
  signPush({ token: TOKEN, encodingAesKey: KEY, appId: APP, message, ...extra });

describe('POST /wechat/callback end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
    await saveProvider(t.bot.database.db, t.bot.box, {
      teamId: FAKE_TEAM_ID,
      name: 'Acme',
      credentials,
      tokenExpiresAt: null,
      now: new Date(),
      configuredBy: FAKE_ADMIN_USER_ID,
    });
  });
  afterEach(async () => {
    await t.close();
  });
  const ticket = () => readTicket(t.bot.database.db, t.bot.box, FAKE_TEAM_ID, APP);

  it('a genuine ticket push is answered "success" and the ticket is stored, encrypted', async () => {
    expect(await postPush(t.baseUrl, genuine())).toEqual({ status: 200, text: 'success' });
    expect(await ticket()).toMatchObject({ ticket: TICKET });
    const raw = JSON.stringify((await sql`select * from component_tickets`.execute(t.bot.database.db)).rows);
    expect(raw).not.toContain('pushed-canary');
  });

  it.each([
    [
      'signed with another token',
      () =>
        signPush({ token: 'attackerToken', encodingAesKey: KEY, appId: APP, message: ticketMessage(APP, 'forged') }),
      403,
    ],
    [
      'encrypted with another key',
      () =>
        signPush({
          token: TOKEN,
          encodingAesKey: 'ZZZZefghijklmnopqrstuvwxyz0123456789ABCDEF1',
          appId: APP,
          message: ticketMessage(APP, 'forged'),
        }),
      403,
    ],
    [
      'encrypted for another appid',
      () => genuine(ticketMessage(APP, 'forged'), { encryptFor: 'wx9999999999999999' }),
      403,
    ],
    [
      'for a component nobody configured',
      () =>
        signPush({
          token: TOKEN,
          encodingAesKey: KEY,
          appId: 'wx9999999999999999',
          message: ticketMessage('wx9999999999999999', 'forged'),
        }),
      403,
    ],
    [
      'with a stale timestamp',
      () => genuine(ticketMessage(APP, 'forged'), { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      403,
    ],
    [
      'from the far future',
      () => genuine(ticketMessage(APP, 'forged'), { timestamp: Math.floor(Date.now() / 1000) + 3600 }),
      403,
    ],
    ['whose message names another component', () => genuine(ticketMessage('wx9999999999999999', 'forged')), 400],
    ['whose ticket is empty', () => genuine(ticketMessage(APP, '')), 400],
  ])('a push %s gets a 4xx and stores nothing', async (_, make, status) => {
    const res = await postPush(t.baseUrl, make());
    expect(res.status).toBe(status);
    expect(res.text).not.toBe('success');
    expect(await ticket()).toBeNull();
    expect(await listPushes(t.bot.database.db, APP)).toEqual([]);
  });

  it.each([
    ['a body that is not XML', (p: ReturnType<typeof genuine>) => ({ ...p, body: '{"Encrypt":"x"}' })],
    [
      'an envelope with a DTD',
      (p: ReturnType<typeof genuine>) => ({ ...p, body: `<!DOCTYPE xml [<!ENTITY e "x">]>${p.body}` }),
    ],
    [
      'an envelope without Encrypt',
      (p: ReturnType<typeof genuine>) => ({ ...p, body: `<xml><AppId>${APP}</AppId></xml>` }),
    ],
    [
      'no msg_signature',
      (p: ReturnType<typeof genuine>) => ({ ...p, query: p.query.replace(/msg_signature=[^&]+/, '') }),
    ],
    [
      'a malformed timestamp',
      (p: ReturnType<typeof genuine>) => ({ ...p, query: p.query.replace(/timestamp=\d+/, 'timestamp=soon') }),
    ],
  ])('a malformed push (%s) gets 400', async (_, mangle) => {
    const res = await postPush(t.baseUrl, mangle(genuine()));
    expect(res.status).toBe(400);
    expect(await ticket()).toBeNull();
  });

  it('an oversized body gets 413, whether declared or streamed', async () => {
    const huge = genuine();
    const padded = { ...huge, body: huge.body.replace('</xml>', `<Pad>${'x'.repeat(70 * 1024)}</Pad></xml>`) };
    expect((await postPush(t.baseUrl, padded)).status).toBe(413);
    const streamed = await request(`${t.baseUrl}/wechat/callback?${huge.query}`, {
      method: 'POST',
      body: Readable.from(Array.from({ length: 80 }, () => Buffer.alloc(1024, 0x20))),
    });
    expect(streamed.statusCode).toBe(413);
    await streamed.body.dump();
    expect(await ticket()).toBeNull();
  });

  it('a replayed push is answered "success" again but acted on once', async () => {
    const push = genuine();
    expect((await postPush(t.baseUrl, push)).text).toBe('success');
    const first = await ticket();
    expect((await postPush(t.baseUrl, push)).text).toBe('success');
    expect(await listPushes(t.bot.database.db, APP)).toHaveLength(1);
    expect((await ticket())?.receivedAt).toEqual(first?.receivedAt);
  });

  it('a GET is not a push', async () => {
    const res = await request(`${t.baseUrl}/wechat/callback?${genuine().query}`, { method: 'GET' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    await res.body.dump();
  });

  it('authorized and updateauthorized are acknowledged and recorded', async () => {
    for (const type of ['authorized', 'updateauthorized']) {
      expect((await postPush(t.baseUrl, genuine(authorizationMessage(APP, type, AUTHORIZER)))).text).toBe('success');
    }
    const pushes = await listPushes(t.bot.database.db, APP);
    expect(pushes.map((p) => p.info_type).sort()).toEqual(['authorized', 'updateauthorized']);
    const [provider] = await t.bot.database.db.selectFrom('providers').selectAll().execute();
    expect(provider?.reauth_required_at).toBeNull();
  });

  it('unauthorized marks the provider for re-authorization and DMs the admin who configured it, once', async () => {
    const push = genuine(authorizationMessage(APP, 'unauthorized', AUTHORIZER));
    expect((await postPush(t.baseUrl, push)).text).toBe('success');
    expect((await postPush(t.baseUrl, genuine(authorizationMessage(APP, 'unauthorized', AUTHORIZER)))).text).toBe(
      'success',
    );
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'chat.postMessage'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const dms = t.slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.args.channel).toBe(FAKE_ADMIN_USER_ID);
    expect(String(dms[0]?.args.text)).toMatch(/Acme.*authorized again/);
    const acme = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Acme');
    expect(acme && (await readProviderState(t.bot.database.db, acme))?.reauthReason).toBe('unauthorized');
    const quota = JSON.stringify((await t.command('')).json);
    expect(quota).toContain('authorize the provider again');
  });

  it('logs rejected pushes without their content, and never a secret', async () => {
    await postPush(t.baseUrl, genuine());
    await postPush(
      t.baseUrl,
      signPush({ token: 'attackerToken', encodingAesKey: KEY, appId: APP, message: ticketMessage(APP, 'forged') }),
    );
    const logs = t.logs.join('\n');
    expect(logs).toContain('wechat push rejected');
    for (const secret of ['canary', TOKEN, KEY, 'forged']) expect(logs).not.toContain(secret);
  });
});
