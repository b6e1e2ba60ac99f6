import { CredentialsUnreadableError, TokenExpiredError } from '../tokens/errors.js';
import {
  type ErrcodeCategory,
  type TransportKind,
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from '../wechat/errors.js';
import { explainTokenFailure, refreshedSourceAdvice } from './explain-token-failure.js';
import type { TokenSourceKind } from './types.js';

/**
 * A failure in plain words, for people. Fields are plain text (a command may be quoted in backticks); whoever
 * renders them escapes them. They never contain a token or an internal error message.
 */
export interface FailureExplanation {
  /** Stable machine code, e.g. `WECHAT_API_PERMISSION_MISSING`; safe to log and to show. */
  readonly code: string;
  /** One short line: what went wrong. */
  readonly headline: string;
  /** Why, with the WeChat errcode where it helps an admin search WeChat's documentation. */
  readonly detail: string;
  /** What to do next, and who does it. */
  readonly action: string;
}

/** What the caller knows about the provider, used to fill in commands an admin can copy. */
export interface FailureContext {
  readonly teamId?: string;
  readonly providerName?: string;
  /** Where the provider's token comes from: advice differs for tokens the bot or a token server refreshes. */
  readonly tokenSource?: TokenSourceKind;
}

const MAX_ERRMSG_CODE_POINTS = 300;
const TRY_AGAIN_LATER = 'Try again in a few minutes.';

/** Turns any thrown value into an explanation a Slack user (or an operator at the CLI) can act on. */
export function explainFailure(error: unknown, context: FailureContext = {}): FailureExplanation {
  const tokenFailure = explainTokenFailure(error, context, explainFailure);
  if (tokenFailure) return tokenFailure;
  if (error instanceof WeChatApiError) return explainApiError(error, context);
  if (error instanceof WeChatTransportError) return explainTransport(error);
  if (error instanceof WeChatHttpStatusError) return explainHttpStatus(error.status);
  if (error instanceof WeChatBadPayloadError) {
    return {
      code: 'WECHAT_BAD_PAYLOAD',
      headline: 'WeChat sent an answer the bot could not read',
      detail:
        'WeChat, or a proxy in front of it, answered with something that is not the API’s answer ' +
        '(for example an HTML error page or a cut-off response).',
      action: `${TRY_AGAIN_LATER} If it keeps happening, an admin checks the bot’s logs and its network path to WeChat.`,
    };
  }
  if (error instanceof TokenExpiredError) {
    return {
      code: 'TOKEN_EXPIRED',
      headline: 'The stored token has expired',
      detail:
        `The authorizer access token stored for this provider expired on ${formatInstant(error.expiredAt)}. ` +
        'Such tokens live about 2 hours unless a token server or the bot refreshes them.',
      action: `An admin stores a fresh token with ${storeTokenCommand(context, error.providerName)}.`,
    };
  }
  if (error instanceof CredentialsUnreadableError) {
    return {
      code: 'CREDENTIALS_UNREADABLE',
      headline: 'The stored credentials cannot be read',
      detail:
        'The bot cannot decrypt the credentials stored for this provider. ' +
        'Most likely ENCRYPTION_KEY changed since they were stored (or the stored data was altered).',
      action:
        'An admin restores the previous ENCRYPTION_KEY, or stores the token again with ' +
        `${storeTokenCommand(context, error.providerName)}.`,
    };
  }
  return {
    code: 'INTERNAL',
    headline: 'Something went wrong on our side',
    detail: 'The bot hit an unexpected problem while checking this provider. The details are in the bot’s logs.',
    action: `${TRY_AGAIN_LATER} If it keeps happening, tell whoever runs the bot.`,
  };
}

type Advice = Omit<FailureExplanation, 'code'>;

/** What each errcode category means for a person; `e` is the errcode as text, `store` the store-a-token command. */
const API_ADVICE: Readonly<Record<Exclude<ErrcodeCategory, 'unknown'>, (e: string, store: string) => Advice>> = {
  busy: (e) => ({
    headline: 'WeChat is busy',
    detail: `WeChat answered errcode ${e} (system busy), even after a few retries.`,
    action: TRY_AGAIN_LATER,
  }),
  token_rejected: (e, store) => ({
    headline: 'WeChat rejected the stored token',
    detail:
      `WeChat answered errcode ${e}: the stored authorizer access token is invalid, expired, ` +
      'or no longer the latest (another system may have refreshed it).',
    action: `An admin stores a fresh token with ${store}.`,
  }),
  daily_limit: (e) => ({
    headline: 'WeChat’s daily call limit is reached',
    detail: `WeChat answered errcode ${e}: no more calls to this API are allowed today.`,
    action:
      'Try again tomorrow. An admin can see the limit with WeChat’s openapi/quota/get (cgi_path /wxa/queryquota).',
  }),
  rate_limited: (e) => ({
    headline: 'WeChat asked the bot to slow down',
    detail: `WeChat answered errcode ${e}: too many calls in the last minute.`,
    action: 'Try again in a minute.',
  }),
  permission_missing: (e) => ({
    headline: 'The mini program has not granted the needed permission',
    detail:
      `WeChat answered errcode ${e} (API unauthorized): the mini program whose token is stored ` +
      'has not granted permission set 18 “development management” (开发管理) to the provider.',
    action:
      'In the mini program’s authorization settings, grant permission set 18 “development management” ' +
      'to the provider, or store a token of a mini program that has granted it.',
  }),
  deauthorized: (e, store) => ({
    headline: 'The mini program no longer authorizes the provider',
    detail: `WeChat answered errcode ${e}: the mini program de-authorized the provider.`,
    action:
      'Have the mini program authorize the provider again, or store a token of another mini program ' +
      `that still authorizes it (${store}).`,
  }),
  ip_not_whitelisted: (e) => ({
    headline: 'The bot’s IP address is not on WeChat’s whitelist',
    detail: `WeChat answered errcode ${e}: the address the bot calls from is not in the platform’s IP whitelist.`,
    action:
      'An admin adds the bot’s egress IP address to the IP whitelist of the provider’s third-party platform ' +
      'on the WeChat Open Platform, then tries again.',
  }),
  ticket_problem: (e) => ({
    headline: 'The component verify ticket is expired or invalid',
    detail:
      `WeChat answered errcode ${e}: the component_verify_ticket is not valid. ` +
      'WeChat pushes a fresh one every 10 minutes to the provider’s authorization event URL.',
    action:
      'Wait about 10 minutes and try again. If it persists, an admin checks that the authorization event URL ' +
      'points at the bot’s /wechat/callback and that the callback token and EncodingAESKey match.',
  }),
  wrong_token_type: (e, store) => ({
    headline: 'The stored token is the wrong kind of token',
    detail:
      `WeChat answered errcode ${e}: this API is not authorized for the token’s owner. ` +
      'The bot needs an authorizer_access_token of a mini program that authorized the provider.',
    action: `An admin stores an authorizer access token with ${store}.`,
  }),
  refresh_token_invalid: (e) => ({
    headline: 'The authorizer refresh token is no longer valid',
    detail: `WeChat answered errcode ${e}: the authorizer_refresh_token was revoked or replaced.`,
    action: 'The mini program authorizes the provider again; then an admin stores the new credentials.',
  }),
};

function explainApiError(error: WeChatApiError, context: FailureContext): FailureExplanation {
  const errcode = Number.isInteger(error.errcode) ? String(error.errcode) : '?';
  // 'unknown', and any category added later that this table does not know yet: show what WeChat said.
  const known = error.category !== 'unknown' && Object.hasOwn(API_ADVICE, error.category) ? error.category : null;
  if (known) {
    const advice = API_ADVICE[known](errcode, storeTokenCommand(context));
    return { code: `WECHAT_API_${known.toUpperCase()}`, ...advice, ...refreshedSourceAdvice(known, context) };
  }
  return {
    code: 'WECHAT_API_UNKNOWN',
    headline: `WeChat answered with error ${errcode}`,
    detail: `WeChat answered errcode ${errcode}: “${cleanErrmsg(error.errmsg)}”.`,
    action: `Search WeChat’s documentation for errcode ${errcode}. If it persists, tell an admin.`,
  };
}

const TRANSPORT_DETAIL: Readonly<Record<TransportKind, string>> = {
  timeout: 'The request to WeChat timed out.',
  refused: 'The connection to WeChat was refused.',
  reset: 'The connection to WeChat was cut off.',
  dns: 'WeChat’s address could not be looked up (DNS).',
  other: 'The network request to WeChat failed.',
};

function explainTransport(error: WeChatTransportError): FailureExplanation {
  const kind: TransportKind = Object.hasOwn(TRANSPORT_DETAIL, error.kind) ? error.kind : 'other';
  const code = `WECHAT_TRANSPORT_${kind.toUpperCase()}`;
  if (kind === 'timeout') {
    return {
      code,
      headline: 'WeChat did not answer in time',
      detail: TRANSPORT_DETAIL.timeout,
      action: TRY_AGAIN_LATER,
    };
  }
  return {
    code,
    headline: 'The bot could not reach WeChat',
    detail: TRANSPORT_DETAIL[kind],
    action: `${TRY_AGAIN_LATER} If it keeps happening, an admin checks the bot’s network access to WeChat.`,
  };
}

function explainHttpStatus(status: number): FailureExplanation {
  const shown = Number.isInteger(status) ? String(status) : '?';
  return {
    code: 'WECHAT_HTTP_STATUS',
    headline: 'WeChat answered with an HTTP error',
    detail: `WeChat, or a proxy in front of it, answered HTTP status ${shown}.`,
    action:
      status === 429
        ? 'Try again in a minute.'
        : `${TRY_AGAIN_LATER} If it keeps happening, an admin checks the bot’s network path to WeChat.`,
  };
}

/** The CLI command that stores a static token, filled in with what we know and safe to copy into a shell. */
function storeTokenCommand(context: FailureContext, fallbackName?: string): string {
  const team = context.teamId && /^[A-Z0-9]{1,32}$/i.test(context.teamId) ? context.teamId : '…';
  const rawName = context.providerName ?? fallbackName;
  const name = rawName !== undefined && isPrintableShort(rawName) ? shellQuote(rawName) : '…';
  return `\`npx quota-bot provider add --team ${team} --name ${name} --token -\``;
}

function isPrintableShort(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  return value.trim() !== '' && [...value].length <= 80 && !/[\u0000-\u001f\u007f-\u009f`]/.test(value);
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9._@%+=:,/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function formatInstant(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'an unknown date';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** WeChat's errmsg, verbatim but bounded, on one line, and with anything that looks like a token blanked out. */
function cleanErrmsg(errmsg: string): string {
  const oneLine = String(errmsg)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not reach Slack
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/(access_token|refresh_token|token)=[^&\s]*/gi, '$1=[redacted]')
    .replace(/[A-Za-z0-9_*-]{40,}/g, '[redacted]')
    .trim();
  const points = [...oneLine];
  if (points.length === 0) return '(no message)';
  return points.length > MAX_ERRMSG_CODE_POINTS ? `${points.slice(0, MAX_ERRMSG_CODE_POINTS - 1).join('')}…` : oneLine;
}
