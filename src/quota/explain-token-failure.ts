import { type Catalogue, messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE } from '../i18n/locale.js';
import {
  type CentralFailureKind,
  CentralTokenError,
  ReauthorizationRequiredError,
  type ReauthReason,
  TicketMissingError,
  TokenRefreshBusyError,
  TokenRefreshError,
} from '../tokens/errors.js';
import { type ErrcodeCategory, WeChatApiError } from '../wechat/errors.js';
import type { FailureContext, FailureExplanation } from './explain-failure.js';

type Words = Catalogue['tokenFailures'];

/** How to send an admin to the setup modal for this provider, e.g. `/quota setup Acme`. */
export function setupCommand(context: FailureContext, fallbackName?: string): string {
  const name = context.providerName ?? fallbackName;
  const shown = name !== undefined && name.length <= 80 && !/[`\p{Cc}]/u.test(name) ? ` ${name}` : ' NAME';
  return `\`/quota setup${shown}\``;
}

const CENTRAL_HEADLINE: Readonly<Record<CentralFailureKind, (t: Words) => string>> = {
  unreachable: (t) => t.centralUnreachable,
  timeout: (t) => t.centralTimeout,
  http_status: (t) => t.centralHttpStatus,
  bad_payload: (t) => t.centralBadPayload,
  expired: (t) => t.centralExpired,
};

const REAUTH_DETAIL: Readonly<Record<ReauthReason, (t: Words) => string>> = {
  refresh_token_invalid: (t) => t.reauthRefreshTokenInvalid,
  deauthorized: (t) => t.reauthDeauthorized,
  unauthorized: (t) => t.reauthUnauthorized,
};

function wordsFor(context: FailureContext): Words {
  return messagesFor(context.locale ?? DEFAULT_LOCALE).tokenFailures;
}

/**
 * The explanation of a failure to obtain a token (central server, ticket, re-authorization, refresh), or null when
 * `error` is not one. `explain` explains a WeChat error wrapped in a refresh failure.
 */
export function explainTokenFailure(
  error: unknown,
  context: FailureContext,
  explain: (inner: unknown, context: FailureContext) => FailureExplanation,
): FailureExplanation | null {
  const t = wordsFor(context);
  const setup = setupCommand(context);
  if (error instanceof CentralTokenError) {
    const kind: CentralFailureKind = Object.hasOwn(CENTRAL_HEADLINE, error.kind) ? error.kind : 'unreachable';
    const status = error.status === null ? '' : ` (HTTP ${error.status})`;
    const auth = error.status === 401 || error.status === 403;
    return {
      code: `CENTRAL_${kind.toUpperCase()}`,
      headline: CENTRAL_HEADLINE[kind](t),
      detail: t.centralDetail({ host: error.host, status, message: error.message }),
      action: auth
        ? t.centralAuthAction({ setup })
        : kind === 'bad_payload' || kind === 'expired'
          ? t.centralPayloadAction
          : t.centralRetryAction({ host: error.host, setup }),
    };
  }
  if (error instanceof TicketMissingError) {
    const never = error.lastReceivedAt === null;
    return {
      code: 'TICKET_MISSING',
      headline: never ? t.ticketNeverHeadline : t.ticketExpiredHeadline,
      detail: t.ticketDetail({ componentAppId: error.componentAppId, never }),
      action: t.ticketAction({ setup }),
    };
  }
  if (error instanceof ReauthorizationRequiredError) {
    const why = (REAUTH_DETAIL[error.reason] ?? REAUTH_DETAIL.deauthorized)(t);
    return {
      code: 'REAUTHORIZATION_REQUIRED',
      headline: t.reauthHeadline,
      detail: `${why} ${t.reauthStopped}`,
      action: t.reauthAction({ setup: setupCommand(context, error.providerName) }),
    };
  }
  if (error instanceof TokenRefreshBusyError) {
    return { code: 'TOKEN_REFRESH_BUSY', headline: t.busyHeadline, detail: t.busyDetail, action: t.busyAction };
  }
  if (error instanceof TokenRefreshError) return explainRefresh(error, context, explain, t);
  return null;
}

function explainRefresh(
  error: TokenRefreshError,
  context: FailureContext,
  explain: (inner: unknown, context: FailureContext) => FailureExplanation,
  t: Words,
): FailureExplanation {
  const inner = explain(error.cause, context);
  const what = error.step === 'component' ? t.componentToken : t.authorizerToken;
  const detail = t.whileRefreshing({ what, detail: inner.detail });
  const category = error.cause instanceof WeChatApiError ? error.cause.category : null;
  if (category === 'daily_limit') return { ...inner, detail, action: t.refreshDailyLimitAction };
  if (category === 'token_rejected' || category === 'wrong_token_type' || category === 'unknown') {
    return { ...inner, detail, action: t.refreshCheckCredentials({ setup: setupCommand(context) }) };
  }
  return { ...inner, detail };
}

/** For tokens a token server or the bot refreshes, "store a fresh token" is the wrong advice; this is the right one. */
export function refreshedSourceAdvice(category: ErrcodeCategory, context: FailureContext): Partial<FailureExplanation> {
  const t = wordsFor(context);
  if (context.tokenSource === 'central' && category === 'token_rejected') {
    return { action: t.centralRejectedAction };
  }
  if (context.tokenSource === 'component' && category === 'token_rejected') {
    return { action: t.componentRejectedAction({ setup: setupCommand(context) }) };
  }
  if (context.tokenSource === 'component' && category === 'deauthorized') {
    return { action: t.componentDeauthorizedAction({ setup: setupCommand(context) }) };
  }
  return {};
}
