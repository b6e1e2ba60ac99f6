import { type Catalogue, messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { CredentialsUnreadableError, TokenExpiredError } from '../tokens/errors.js';
import {
  type ErrcodeCategory,
  type TransportKind,
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from '../wechat/errors.js';
import { explainDatabaseFailure } from './database-busy.js';
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
  /** The reader's language; English when not given (the CLI always is). */
  readonly locale?: Locale;
}

const MAX_ERRMSG_CODE_POINTS = 300;

type Words = Catalogue['failures'];

/** Turns any thrown value into an explanation a Slack user (or an operator at the CLI) can act on. */
export function explainFailure(error: unknown, context: FailureContext = {}): FailureExplanation {
  const tokenFailure = explainTokenFailure(error, context, explainFailure);
  if (tokenFailure) return tokenFailure;
  const databaseFailure = explainDatabaseFailure(error, context.locale);
  if (databaseFailure) return databaseFailure;
  const t = messagesFor(context.locale ?? DEFAULT_LOCALE).failures;
  if (error instanceof WeChatApiError) return explainApiError(error, context, t);
  if (error instanceof WeChatTransportError) return explainTransport(error, t);
  if (error instanceof WeChatHttpStatusError) return explainHttpStatus(error.status, t);
  if (error instanceof WeChatBadPayloadError) {
    return {
      code: 'WECHAT_BAD_PAYLOAD',
      headline: t.badPayloadHeadline,
      detail: t.badPayloadDetail,
      action: t.badPayloadAction,
    };
  }
  if (error instanceof TokenExpiredError) {
    return {
      code: 'TOKEN_EXPIRED',
      headline: t.tokenExpiredHeadline,
      detail: t.tokenExpiredDetail({ at: formatInstant(error.expiredAt, t) }),
      action: t.storeFreshToken({ store: storeTokenCommand(context, error.providerName) }),
    };
  }
  if (error instanceof CredentialsUnreadableError) {
    return {
      code: 'CREDENTIALS_UNREADABLE',
      headline: t.unreadableHeadline,
      detail: t.unreadableDetail,
      action: t.unreadableAction({ store: storeTokenCommand(context, error.providerName) }),
    };
  }
  return { code: 'INTERNAL', headline: t.internalHeadline, detail: t.internalDetail, action: t.internalAction };
}

type Advice = Omit<FailureExplanation, 'code'>;

/** What each errcode category means for a person; `e` is the errcode as text, `store` the store-a-token command. */
const API_ADVICE: Readonly<
  Record<Exclude<ErrcodeCategory, 'unknown'>, (t: Words, e: string, store: string) => Advice>
> = {
  busy: (t, e) => ({ headline: t.busyHeadline, detail: t.busyDetail({ e }), action: t.tryAgainLater }),
  token_rejected: (t, e, store) => ({
    headline: t.tokenRejectedHeadline,
    detail: t.tokenRejectedDetail({ e }),
    action: t.storeFreshToken({ store }),
  }),
  daily_limit: (t, e) => ({
    headline: t.dailyLimitHeadline,
    detail: t.dailyLimitDetail({ e }),
    action: t.dailyLimitAction,
  }),
  rate_limited: (t, e) => ({
    headline: t.rateLimitedHeadline,
    detail: t.rateLimitedDetail({ e }),
    action: t.tryInAMinute,
  }),
  permission_missing: (t, e) => ({
    headline: t.permissionHeadline,
    detail: t.permissionDetail({ e }),
    action: t.permissionAction,
  }),
  deauthorized: (t, e, store) => ({
    headline: t.deauthorizedHeadline,
    detail: t.deauthorizedDetail({ e }),
    action: t.deauthorizedAction({ e, store }),
  }),
  ip_not_whitelisted: (t, e) => ({ headline: t.ipHeadline, detail: t.ipDetail({ e }), action: t.ipAction }),
  ticket_problem: (t, e) => ({
    headline: t.ticketProblemHeadline,
    detail: t.ticketProblemDetail({ e }),
    action: t.ticketProblemAction,
  }),
  wrong_token_type: (t, e, store) => ({
    headline: t.wrongTokenHeadline,
    detail: t.wrongTokenDetail({ e }),
    action: t.wrongTokenAction({ e, store }),
  }),
  refresh_token_invalid: (t, e) => ({
    headline: t.refreshInvalidHeadline,
    detail: t.refreshInvalidDetail({ e }),
    action: t.refreshInvalidAction,
  }),
};

function explainApiError(error: WeChatApiError, context: FailureContext, t: Words): FailureExplanation {
  const e = Number.isInteger(error.errcode) ? String(error.errcode) : '?';
  // 'unknown', and any category added later that this table does not know yet: show what WeChat said.
  const known = error.category !== 'unknown' && Object.hasOwn(API_ADVICE, error.category) ? error.category : null;
  if (known) {
    const advice = API_ADVICE[known](t, e, storeTokenCommand(context));
    return { code: `WECHAT_API_${known.toUpperCase()}`, ...advice, ...refreshedSourceAdvice(known, context) };
  }
  return {
    code: 'WECHAT_API_UNKNOWN',
    headline: t.apiUnknownHeadline({ e }),
    detail: t.apiUnknownDetail({ e, errmsg: cleanErrmsg(error.errmsg, t) }),
    action: t.apiUnknownAction({ e }),
  };
}

const TRANSPORT_DETAIL: Readonly<Record<TransportKind, (t: Words) => string>> = {
  timeout: (t) => t.transportTimeout,
  refused: (t) => t.transportRefused,
  reset: (t) => t.transportReset,
  dns: (t) => t.transportDns,
  other: (t) => t.transportOther,
};

function explainTransport(error: WeChatTransportError, t: Words): FailureExplanation {
  const kind: TransportKind = Object.hasOwn(TRANSPORT_DETAIL, error.kind) ? error.kind : 'other';
  const code = `WECHAT_TRANSPORT_${kind.toUpperCase()}`;
  const detail = TRANSPORT_DETAIL[kind](t);
  if (kind === 'timeout') return { code, headline: t.timeoutHeadline, detail, action: t.tryAgainLater };
  return { code, headline: t.unreachableHeadline, detail, action: t.unreachableAction };
}

function explainHttpStatus(status: number, t: Words): FailureExplanation {
  const shown = Number.isInteger(status) ? String(status) : '?';
  return {
    code: 'WECHAT_HTTP_STATUS',
    headline: t.httpHeadline,
    detail: t.httpDetail({ status: shown }),
    action: status === 429 ? t.tryInAMinute : t.httpAction,
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

function formatInstant(date: Date, t: Words): string {
  if (Number.isNaN(date.getTime())) return t.unknownDate;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** WeChat's errmsg, verbatim but bounded, on one line, and with anything that looks like a token blanked out. */
function cleanErrmsg(errmsg: string, t: Words): string {
  const oneLine = String(errmsg)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not reach Slack
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/(access_token|refresh_token|token)=[^&\s]*/gi, '$1=[redacted]')
    .replace(/[A-Za-z0-9_*-]{40,}/g, '[redacted]')
    .trim();
  const points = [...oneLine];
  if (points.length === 0) return t.noMessage;
  return points.length > MAX_ERRMSG_CODE_POINTS ? `${points.slice(0, MAX_ERRMSG_CODE_POINTS - 1).join('')}…` : oneLine;
}
