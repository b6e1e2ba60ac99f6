import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { explainFailure, type FailureExplanation } from '../../src/quota/explain-failure.js';
import { CredentialsUnreadableError, TokenExpiredError } from '../../src/tokens/errors.js';
import {
  type ErrcodeCategory,
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from '../../src/wechat/errors.js';

const TOKEN = '83_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_xyz';

function all(explanation: FailureExplanation): string {
  return `${explanation.code} ${explanation.headline} ${explanation.detail} ${explanation.action}`;
}

const apiCases: Array<[ErrcodeCategory, number, string, RegExp]> = [
  ['busy', -1, 'system error', /try again in a few minutes/i],
  ['token_rejected', 40001, 'invalid credential', /quota-bot provider add --team … --name … --token -/],
  ['daily_limit', 45009, 'reach max api daily quota limit', /tomorrow/i],
  ['rate_limited', 45011, 'api minute-quota reach limit', /try again in a minute/i],
  ['permission_missing', 48001, 'api unauthorized', /grant permission set 18 “development management”/],
  ['deauthorized', 61003, 'component is not authorized by this account', /authorize the provider again/i],
  ['ip_not_whitelisted', 61004, 'access clientip is not registered', /egress IP address to the IP whitelist/],
  ['ticket_problem', 61005, 'component ticket is expired', /10 minutes/],
  ['wrong_token_type', 61007, 'api is unauthorized to component', /authorizer access token/],
  ['refresh_token_invalid', 61023, 'refresh_token is invalid', /authorizes the provider again/],
];

describe('explainFailure', () => {
  it.each(apiCases)(
    '%s (errcode %i) says what happened, the errcode and what to do',
    (category, errcode, errmsg, action) => {
      const explanation = explainFailure(new WeChatApiError(errcode, errmsg, category));
      expect(explanation.code).toBe(`WECHAT_API_${category.toUpperCase()}`);
      expect(explanation.headline.length).toBeGreaterThan(5);
      expect(explanation.detail).toContain(`errcode ${errcode}`);
      expect(explanation.action).toMatch(action);
    },
  );

  it('each category gets its own headline (none falls back to a generic text)', () => {
    const headlines = apiCases.map(
      ([category, errcode, errmsg]) => explainFailure(new WeChatApiError(errcode, errmsg, category)).headline,
    );
    expect(new Set(headlines).size).toBe(apiCases.length);
  });

  it('fills the store-a-token command in when the caller knows the team and provider, quoted for a shell', () => {
    const explanation = explainFailure(new WeChatApiError(42001, 'access_token expired', 'token_rejected'), {
      teamId: 'T0123ABC',
      providerName: "O'Brien Mini",
    });
    expect(explanation.action).toContain(
      "`npx quota-bot provider add --team T0123ABC --name 'O'\\''Brien Mini' --token -`",
    );
  });

  it('an unknown errcode shows the code and errmsg verbatim, on one line and bounded', () => {
    const explanation = explainFailure(
      new WeChatApiError(85064, 'not found template rid: 6385f3b1-2a7b7c10', 'unknown'),
    );
    expect(explanation.code).toBe('WECHAT_API_UNKNOWN');
    expect(explanation.headline).toContain('85064');
    expect(explanation.detail).toContain('“not found template rid: 6385f3b1-2a7b7c10”');
    expect(explanation.action).toContain('errcode 85064');

    const long = explainFailure(new WeChatApiError(1, `line1\nline2${'x'.repeat(5000)}`, 'unknown'));
    expect(long.detail).not.toContain('\n');
    expect(long.detail.length).toBeLessThan(450);
  });

  it('a category it does not know yet is treated as unknown, not as a crash', () => {
    const explanation = explainFailure(new WeChatApiError(99999, 'new', 'brand_new' as ErrcodeCategory));
    expect(explanation.code).toBe('WECHAT_API_UNKNOWN');
    expect(explanation.detail).toContain('99999');
  });

  it('never repeats a token WeChat echoed back in errmsg', () => {
    const explanation = explainFailure(
      new WeChatApiError(40097, `invalid args access_token=${TOKEN}&x=1 hint: ${TOKEN}`, 'unknown'),
    );
    expect(all(explanation)).not.toContain(TOKEN);
    expect(all(explanation)).not.toContain(TOKEN.slice(0, 40));
    expect(explanation.detail).toContain('[redacted]');
  });

  it('timeout: WeChat did not answer in time, try again in a few minutes', () => {
    const explanation = explainFailure(
      new WeChatTransportError('timeout', `GET /wxa/queryquota?access_token=${TOKEN}`),
    );
    expect(explanation).toMatchObject({ code: 'WECHAT_TRANSPORT_TIMEOUT', headline: 'WeChat did not answer in time' });
    expect(explanation.action).toMatch(/try again in a few minutes/i);
    expect(all(explanation)).not.toContain(TOKEN);
  });

  it.each([
    ['refused', /refused/],
    ['reset', /cut off/],
    ['dns', /DNS/],
    ['other', /network/],
  ] as const)('transport %s: the bot could not reach WeChat', (kind, detail) => {
    const explanation = explainFailure(new WeChatTransportError(kind, `connect ECONN ${TOKEN}`));
    expect(explanation.headline).toBe('The bot could not reach WeChat');
    expect(explanation.detail).toMatch(detail);
    expect(all(explanation)).not.toContain(TOKEN);
  });

  it('HTTP status: names the status, a minute for 429', () => {
    const bad = explainFailure(
      new WeChatHttpStatusError(502, `502 from https://api.weixin.qq.com?access_token=${TOKEN}`),
    );
    expect(bad.code).toBe('WECHAT_HTTP_STATUS');
    expect(bad.detail).toContain('HTTP status 502');
    expect(all(bad)).not.toContain(TOKEN);
    expect(explainFailure(new WeChatHttpStatusError(429, 'slow down')).action).toBe('Try again in a minute.');
  });

  it('bad payload: WeChat or a proxy answered something that is not the API’s answer; the excerpt is not shown', () => {
    const explanation = explainFailure(
      new WeChatBadPayloadError('not JSON', '<html>Bad Gateway internal-host-42</html>'),
    );
    expect(explanation.code).toBe('WECHAT_BAD_PAYLOAD');
    expect(explanation.detail).toMatch(/proxy/);
    expect(explanation.detail).toMatch(/not the API’s answer/);
    expect(all(explanation)).not.toContain('internal-host-42');
  });

  it('an expired static token says when it expired and how to store a fresh one', () => {
    const explanation = explainFailure(new TokenExpiredError('Acme', new Date('2024-11-26T09:30:00Z')));
    expect(explanation.code).toBe('TOKEN_EXPIRED');
    expect(explanation.headline).toBe('The stored token has expired');
    expect(explanation.detail).toContain('2024-11-26 09:30 UTC');
    expect(explanation.action).toContain('--name Acme --token -');
  });

  it('unreadable credentials point at a changed ENCRYPTION_KEY', () => {
    const explanation = explainFailure(new CredentialsUnreadableError('Acme', { cause: new Error('bad auth tag') }));
    expect(explanation.code).toBe('CREDENTIALS_UNREADABLE');
    expect(explanation.detail).toContain('ENCRYPTION_KEY');
    expect(all(explanation)).not.toContain('bad auth tag');
  });

  it.each([
    ['an Error', new Error(`SQLITE_BUSY: database is locked at /srv/data/quota-bot.db token=${TOKEN}`)],
    ['an AppError of another kind', new ConfigError(['SLACK_BOT_TOKEN: xoxb-secret'])],
    ['a string', `boom ${TOKEN}`],
    ['undefined', undefined],
    ['null', null],
  ])('anything else (%s) is "something went wrong on our side" without leaking the message', (_, error) => {
    const explanation = explainFailure(error);
    expect(explanation).toMatchObject({ code: 'INTERNAL', headline: 'Something went wrong on our side' });
    const text = all(explanation);
    for (const secret of [TOKEN, 'SQLITE_BUSY', '/srv/data', 'xoxb-secret']) expect(text).not.toContain(secret);
  });
});
