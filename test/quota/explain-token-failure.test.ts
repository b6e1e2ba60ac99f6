import { describe, expect, it } from 'vitest';
import { explainFailure, type FailureExplanation } from '../../src/quota/explain-failure.js';
import {
  CentralTokenError,
  ReauthorizationRequiredError,
  TicketMissingError,
  TokenRefreshBusyError,
  TokenRefreshError,
} from '../../src/tokens/errors.js';
import { WeChatApiError, WeChatTransportError } from '../../src/wechat/errors.js';

const all = (e: FailureExplanation) => `${e.code} ${e.headline} ${e.detail} ${e.action}`;

describe('explaining token failures', () => {
  it('each central-server failure has its own headline and names the host only', () => {
    const kinds = ['unreachable', 'timeout', 'http_status', 'bad_payload', 'expired'] as const;
    const explanations = kinds.map((kind) =>
      explainFailure(
        new CentralTokenError(kind, 'https://tokens.example.com', 'https://tokens.example.com answered oddly', 500),
      ),
    );
    expect(new Set(explanations.map((e) => e.headline)).size).toBe(kinds.length);
    expect(explanations.map((e) => e.code)).toEqual(kinds.map((k) => `CENTRAL_${k.toUpperCase()}`));
    for (const e of explanations) expect(e.detail).toContain('https://tokens.example.com');
  });

  it('a missing or expired ticket points at the callback URL and the push settings', () => {
    const never = explainFailure(new TicketMissingError('wxc0c0c0c0c0c0c0c0', null), { providerName: 'Acme' });
    expect(never).toMatchObject({
      code: 'TICKET_MISSING',
      headline: 'WeChat has not pushed a component verify ticket yet',
    });
    expect(never.action).toContain('https://YOUR-HOST/wechat/callback');
    expect(never.action).toContain('`/quota setup Acme`');
    const expired = explainFailure(new TicketMissingError('wxc0c0c0c0c0c0c0c0', new Date()));
    expect(expired.headline).toBe('The component verify ticket has expired');
  });

  it.each([
    ['refresh_token_invalid', /61023/],
    ['deauthorized', /61003/],
    ['unauthorized', /withdrew/],
  ] as const)('re-authorization (%s) says why, who acts and how to store the new refresh token', (reason, why) => {
    const e = explainFailure(new ReauthorizationRequiredError('Acme', reason, new Date()));
    expect(e.code).toBe('REAUTHORIZATION_REQUIRED');
    expect(e.detail).toMatch(why);
    expect(e.action).toContain('`/quota setup Acme`');
  });

  it('a refused refresh explains the WeChat errcode, in the refresh’s terms', () => {
    const ip = explainFailure(
      new TokenRefreshError('component', new WeChatApiError(61004, 'ip', 'ip_not_whitelisted')),
    );
    expect(ip.code).toBe('WECHAT_API_IP_NOT_WHITELISTED');
    expect(ip.detail).toMatch(/^While refreshing the component access token: .*61004/);
    const limit = explainFailure(
      new TokenRefreshError('authorizer', new WeChatApiError(45009, 'limit', 'daily_limit')),
    );
    expect(limit.detail).toMatch(/authorizer access token/);
    expect(limit.action).toMatch(/clear_quota/);
    const secret = explainFailure(
      new TokenRefreshError('component', new WeChatApiError(40125, 'invalid appsecret', 'unknown')),
      {
        providerName: 'Acme',
      },
    );
    expect(secret.detail).toContain('40125');
    expect(secret.action).toContain('/quota setup Acme');
    const offline = explainFailure(new TokenRefreshError('authorizer', new WeChatTransportError('timeout', 'slow')));
    expect(offline.code).toBe('WECHAT_TRANSPORT_TIMEOUT');
  });

  it('a refresh held up by another process asks to try again in a minute', () => {
    expect(explainFailure(new TokenRefreshBusyError('authorizer'))).toMatchObject({
      code: 'TOKEN_REFRESH_BUSY',
      action: 'Try again in a minute.',
    });
  });

  it('a rejected token gets advice that fits where the token came from', () => {
    const rejected = new WeChatApiError(40001, 'invalid credential', 'token_rejected');
    expect(explainFailure(rejected, { providerName: 'Acme' }).action).toContain('--token -');
    expect(explainFailure(rejected, { providerName: 'Acme', tokenSource: 'central' }).action).toMatch(/token server/);
    const component = explainFailure(rejected, { providerName: 'Acme', tokenSource: 'component' });
    expect(component.action).toMatch(/refreshed the token/);
    expect(all(component)).not.toContain('--token -');
    const gone = explainFailure(new WeChatApiError(61003, 'x', 'deauthorized'), {
      providerName: 'Acme',
      tokenSource: 'component',
    });
    expect(gone.action).toContain('/quota setup Acme');
  });
});
