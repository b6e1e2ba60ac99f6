import { type ErrcodeCategory, WeChatApiError, WeChatHttpStatusError, WeChatTransportError } from './errors.js';

/** The errcode table of reference/wechat.md; anything else is 'unknown' and shown verbatim. */
const CATEGORY_BY_ERRCODE: ReadonlyMap<number, ErrcodeCategory> = new Map<number, ErrcodeCategory>([
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
]);

/** Maps a non-zero WeChat errcode to the category that decides retrying and the advice shown to admins. */
export function categorizeErrcode(errcode: number): ErrcodeCategory {
  return CATEGORY_BY_ERRCODE.get(errcode) ?? 'unknown';
}

/**
 * True only for failures that may pass on their own: errcode -1 (system busy), HTTP 5xx and transport errors.
 * Token, permission and limit errcodes, 4xx and malformed bodies would fail the same way again.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof WeChatApiError) return error.errcode === -1;
  if (error instanceof WeChatHttpStatusError) return error.status >= 500 && error.status <= 599;
  return error instanceof WeChatTransportError;
}
