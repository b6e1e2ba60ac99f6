import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/logging/logger.js';
import { createWeChatClient } from '../../src/wechat/client.js';
import { authorizerTokenCall } from '../../src/wechat/component-api.js';
import { WeChatApiError, WeChatBadPayloadError } from '../../src/wechat/errors.js';
import { parseWeChatJson } from '../../src/wechat/json-body.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';

const COMPONENT = 'wxc0c0c0c0c0c0c0c0';
const AUTHORIZER = 'wxa1a1a1a1a1a1a1a1';
const SECRET = 'component-SECRET-canary-1';
const TICKET = 'ticket@@@canary-2';
const REFRESH = 'refreshtoken@@@canary-3';

let fake: FakeWeChat;
const logs: string[] = [];
const logger = createLogger({ level: 'trace', destination: { write: (line: string) => logs.push(line) } });
beforeAll(async () => {
  fake = await startFakeWeChat();
  fake.component.addComponent(COMPONENT, SECRET);
  fake.component.setTicket(COMPONENT, TICKET);
  fake.component.addAuthorizer(AUTHORIZER, {
    refreshToken: REFRESH,
    quota: { rest: 1, limit: 2, speedup_rest: 0, speedup_limit: 0 },
  });
});
afterAll(() => fake.close());

const client = () => createWeChatClient({ baseUrl: fake.url, logger, baseDelayMs: 1 });
const renderings = (error: unknown) => [String(error), inspect(error, { depth: 10 }), JSON.stringify(error)];

describe('component token endpoints', () => {
  it('gets a component token and then an authorizer token, sending WeChat’s exact field names', async () => {
    const wechat = client();
    const component = await wechat.componentAccessToken({
      componentAppId: COMPONENT,
      componentSecret: SECRET,
      ticket: TICKET,
    });
    expect(component).toEqual({ token: expect.stringMatching(/^cat-/), expiresInSeconds: 7200 });
    const authorizer = await wechat.authorizerAccessToken({
      componentAccessToken: component.token,
      componentAppId: COMPONENT,
      authorizerAppId: AUTHORIZER,
      refreshToken: REFRESH,
    });
    expect(authorizer).toEqual({
      token: expect.stringMatching(/^aat-/),
      expiresInSeconds: 7200,
      refreshToken: REFRESH,
    });
    expect(fake.component.requests.map((r) => r.body)).toEqual([
      { component_appid: COMPONENT, component_appsecret: SECRET, component_verify_ticket: TICKET },
      { component_appid: COMPONENT, authorizer_appid: AUTHORIZER, authorizer_refresh_token: REFRESH },
    ]);
    expect(fake.component.requests[1]?.query).toBe(`component_access_token=${component.token}`);
    await wechat.close();
  });

  it('turns errcodes into WeChatApiError with its category, never repeating a secret WeChat echoed', async () => {
    const wechat = client();
    fake.component.failNext('component', 61004);
    const error = await wechat
      .componentAccessToken({ componentAppId: COMPONENT, componentSecret: SECRET, ticket: TICKET })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 61004, category: 'ip_not_whitelisted' });
    for (const text of [...renderings(error), ...logs]) {
      expect(text).not.toContain('canary');
    }
    await wechat.close();
  });

  it('an invalid refresh token is 61023 (refresh_token_invalid)', async () => {
    const wechat = client();
    const { token } = await wechat.componentAccessToken({
      componentAppId: COMPONENT,
      componentSecret: SECRET,
      ticket: TICKET,
    });
    const error = await wechat
      .authorizerAccessToken({
        componentAccessToken: token,
        componentAppId: COMPONENT,
        authorizerAppId: AUTHORIZER,
        refreshToken: 'old',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 61023, category: 'refresh_token_invalid' });
    await wechat.close();
  });
});

describe('token bodies', () => {
  const call = authorizerTokenCall({
    componentAccessToken: 'c',
    componentAppId: COMPONENT,
    authorizerAppId: AUTHORIZER,
    refreshToken: REFRESH,
  });
  it('a body that fails validation keeps no token in its excerpt, even cut off mid-value', () => {
    for (const body of [
      '{"authorizer_access_token":"NEWTOKEN-canary","expires_in":"soon"}',
      '{"authorizer_access_token":"NEWTOKEN-canary","expires_in":7200,"authorizer_refresh_token":""}',
      '{"authorizer_access_token":"NEWTOKEN-can',
      '<html>component_access_token=abc-canary</html>',
    ]) {
      const error = (() => {
        try {
          call.parse(body, call.secrets);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(WeChatBadPayloadError);
      for (const text of renderings(error)) expect(text).not.toContain('canary');
    }
  });

  it('accepts expires_in as a numeric string and keeps the refresh token when WeChat sends none', () => {
    expect(call.parse('{"authorizer_access_token":"t","expires_in":"7200"}', [])).toEqual({
      token: 't',
      expiresInSeconds: 7200,
      refreshToken: REFRESH,
    });
  });

  it('a non-zero errcode wins over any field; errcode 0 with the fields is a success', () => {
    const schema = z.object({ authorizer_access_token: z.string() });
    expect(() =>
      parseWeChatJson('{"errcode":45009,"errmsg":"limit","authorizer_access_token":"t"}', schema, 'x', []),
    ).toThrow(expect.objectContaining({ errcode: 45009, category: 'daily_limit' }));
    expect(parseWeChatJson('{"errcode":0,"authorizer_access_token":"t"}', schema, 'x', [])).toEqual({
      authorizer_access_token: 't',
    });
  });
});
