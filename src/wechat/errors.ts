import { AppError } from '../errors.js';

/** What kind of trouble a non-zero errcode means, which decides retrying and the advice we give. */
export type ErrcodeCategory =
  | 'busy' // -1: retry with backoff
  | 'token_rejected' // 40001, 40014, 42001: token invalid, not the latest, or expired
  | 'daily_limit' // 45009: no more calls today
  | 'rate_limited' // 45011: per-minute limit, back off about a minute
  | 'permission_missing' // 48001: permission set 18 not granted
  | 'deauthorized' // 61003: the mini program de-authorized the provider
  | 'ip_not_whitelisted' // 61004
  | 'ticket_problem' // 61005, 61006
  | 'wrong_token_type' // 61007
  | 'refresh_token_invalid' // 61023
  | 'unknown';

/** Root of everything that can go wrong talking to WeChat. Messages never contain an access token. */
export class WeChatError extends AppError {}

export type TransportKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'other';

/** The request never produced an HTTP response: timeout, refused, reset, DNS. */
export class WeChatTransportError extends WeChatError {
  readonly kind: TransportKind;
  constructor(kind: TransportKind, message: string, options?: { cause?: unknown }) {
    super('WECHAT_TRANSPORT', message, options);
    this.kind = kind;
  }
}

/** WeChat (or a proxy in front of it) answered with a non-2xx HTTP status. */
export class WeChatHttpStatusError extends WeChatError {
  readonly status: number;
  constructor(status: number, message: string) {
    super('WECHAT_HTTP_STATUS', message);
    this.status = status;
  }
}

/** WeChat answered with a non-zero errcode. */
export class WeChatApiError extends WeChatError {
  readonly errcode: number;
  readonly errmsg: string;
  readonly category: ErrcodeCategory;
  constructor(errcode: number, errmsg: string, category: ErrcodeCategory) {
    super('WECHAT_API', `WeChat answered errcode ${errcode}: ${errmsg}`);
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.category = category;
  }
}

/** A 2xx body that is not what the API documents: HTML from a proxy, truncated JSON, wrong types. */
export class WeChatBadPayloadError extends WeChatError {
  /** A short, redacted excerpt of the body, for logs and operators. */
  readonly excerpt: string;
  constructor(message: string, excerpt: string) {
    super('WECHAT_BAD_PAYLOAD', message);
    this.excerpt = excerpt;
  }
}
