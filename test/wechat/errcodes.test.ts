import { describe, expect, it } from 'vitest';
import { categorizeErrcode, isRetryable } from '../../src/wechat/errcodes.js';
import {
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from '../../src/wechat/errors.js';
import { toTransportError } from '../../src/wechat/transport-error.js';

describe('categorizeErrcode', () => {
  it.each([
    [-1, 'busy'],
    [40001, 'token_rejected'],
    [40014, 'token_rejected'],
    [42001, 'token_rejected'],
    [45009, 'daily_limit'],
    [45011, 'rate_limited'],
    [48001, 'permission_missing'],
    [61003, 'deauthorized'],
    [61004, 'ip_not_whitelisted'],
    [61005, 'ticket_problem'],
    [61006, 'ticket_problem'],
    [61007, 'wrong_token_type'],
    [61023, 'refresh_token_invalid'],
    [85085, 'unknown'],
  ])('maps %i to %s', (errcode, category) => {
    expect(categorizeErrcode(errcode)).toBe(category);
  });
});

describe('isRetryable', () => {
  it.each([
    ['errcode -1', new WeChatApiError(-1, 'system busy', 'busy'), true],
    ['HTTP 503', new WeChatHttpStatusError(503, 'HTTP 503'), true],
    ['a timeout', new WeChatTransportError('timeout', 'x'), true],
    ['a reset', new WeChatTransportError('reset', 'x'), true],
    ['errcode 40001', new WeChatApiError(40001, 'invalid credential', 'token_rejected'), false],
    ['errcode 45011', new WeChatApiError(45011, 'minute limit', 'rate_limited'), false],
    ['errcode 48001', new WeChatApiError(48001, 'unauthorized', 'permission_missing'), false],
    ['HTTP 429', new WeChatHttpStatusError(429, 'HTTP 429'), false],
    ['a bad payload', new WeChatBadPayloadError('not JSON', '<html>'), false],
    ['a plain Error', new Error('boom'), false],
  ])('%s → %s', (_label, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('toTransportError', () => {
  const withCode = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['UND_ERR_INVALID_ARG', 'other'],
  ])('maps %s to kind %s and names the code in the message', (code, kind) => {
    const error = toTransportError(withCode(code), []);
    expect(error).toMatchObject({ kind, code: 'WECHAT_TRANSPORT' });
    expect(error.message).toContain(code);
  });

  it('finds the code inside a happy-eyeballs AggregateError', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed');
    expect(toTransportError(aggregate, []).kind).toBe('refused');
  });

  it('calls anything without a code "other"', () => {
    expect(toTransportError('weird', []).kind).toBe('other');
  });
});
