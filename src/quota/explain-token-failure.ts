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

/** How to send an admin to the setup modal for this provider, e.g. `/quota setup Acme`. */
export function setupCommand(context: FailureContext, fallbackName?: string): string {
  const name = context.providerName ?? fallbackName;
  const shown = name !== undefined && name.length <= 80 && !/[`\p{Cc}]/u.test(name) ? ` ${name}` : ' NAME';
  return `\`/quota setup${shown}\``;
}

const CENTRAL_HEADLINE: Readonly<Record<CentralFailureKind, string>> = {
  unreachable: 'The central token server could not be reached',
  timeout: 'The central token server did not answer in time',
  http_status: 'The central token server answered with an HTTP error',
  bad_payload: 'The central token server’s answer could not be used',
  expired: 'The central token server handed out an expired token',
};

const REAUTH_DETAIL: Readonly<Record<ReauthReason, string>> = {
  refresh_token_invalid: 'WeChat answered errcode 61023: the authorizer_refresh_token is no longer valid.',
  deauthorized: 'WeChat answered errcode 61003: the mini program de-authorized the provider.',
  unauthorized: 'WeChat notified the bot that the mini program withdrew its authorization of the provider.',
};

/**
 * The explanation of a failure to obtain a token (central server, ticket, re-authorization, refresh), or null when
 * `error` is not one. `explain` explains a WeChat error wrapped in a refresh failure.
 */
export function explainTokenFailure(
  error: unknown,
  context: FailureContext,
  explain: (inner: unknown, context: FailureContext) => FailureExplanation,
): FailureExplanation | null {
  const setup = setupCommand(context);
  if (error instanceof CentralTokenError) {
    const kind: CentralFailureKind = Object.hasOwn(CENTRAL_HEADLINE, error.kind) ? error.kind : 'unreachable';
    const status = error.status === null ? '' : ` (HTTP ${error.status})`;
    const auth = error.status === 401 || error.status === 403;
    return {
      code: `CENTRAL_${kind.toUpperCase()}`,
      headline: CENTRAL_HEADLINE[kind],
      detail: `The bot asks the provider’s own token server (${error.host}) for the access token${status}. ${error.message}.`,
      action: auth
        ? `An admin checks the header sent to the token server (${setup}, or --token-url-header).`
        : kind === 'bad_payload' || kind === 'expired'
          ? 'Whoever runs the token server makes it answer JSON such as {"access_token": "…", "expires_in": 7200} ' +
            'with a token that is still valid (the accepted shapes are in the README).'
          : `Try again in a few minutes. If it persists, an admin checks that ${error.host} is up and reachable ` +
            `from the bot, or changes its URL with ${setup}.`,
    };
  }
  if (error instanceof TicketMissingError) {
    return {
      code: 'TICKET_MISSING',
      headline:
        error.lastReceivedAt === null
          ? 'WeChat has not pushed a component verify ticket yet'
          : 'The component verify ticket has expired',
      detail:
        `To refresh tokens of component ${error.componentAppId} the bot needs the component_verify_ticket WeChat ` +
        'pushes every 10 minutes to the platform’s authorization event URL' +
        (error.lastReceivedAt === null ? '; none has arrived.' : '; none has arrived for 12 hours.'),
      action:
        'An admin points the authorization event URL (or a forwarder) at https://YOUR-HOST/wechat/callback and ' +
        `checks the callback token and EncodingAESKey with ${setup}. The next push comes within 10 minutes.`,
    };
  }
  if (error instanceof ReauthorizationRequiredError) {
    return {
      code: 'REAUTHORIZATION_REQUIRED',
      headline: 'The mini program must authorize the provider again',
      detail: `${REAUTH_DETAIL[error.reason] ?? REAUTH_DETAIL.deauthorized} The bot stopped refreshing its token.`,
      action:
        'The mini program’s admin authorizes the provider again in WeChat; then an admin stores the new authorizer ' +
        `refresh token with ${setupCommand(context, error.providerName)}.`,
    };
  }
  if (error instanceof TokenRefreshBusyError) {
    return {
      code: 'TOKEN_REFRESH_BUSY',
      headline: 'Another copy of the bot is refreshing the token',
      detail: 'Only one process refreshes a token at a time, and the one doing it now is taking longer than usual.',
      action: 'Try again in a minute.',
    };
  }
  if (error instanceof TokenRefreshError) return explainRefresh(error, context, explain);
  return null;
}

function explainRefresh(
  error: TokenRefreshError,
  context: FailureContext,
  explain: (inner: unknown, context: FailureContext) => FailureExplanation,
): FailureExplanation {
  const inner = explain(error.cause, context);
  const what = error.step === 'component' ? 'component access token' : 'authorizer access token';
  const detail = `While refreshing the ${what}: ${inner.detail}`;
  const category = error.cause instanceof WeChatApiError ? error.cause.category : null;
  if (category === 'daily_limit') {
    return {
      ...inner,
      detail,
      action:
        'Token refreshes are limited per day. The bot refreshes only shortly before expiry and shares tokens ' +
        'between its processes, so another system probably refreshes with the same credentials too: let one of ' +
        'them own refreshes (the bot can use it as a central token server). A platform admin can reset the limit ' +
        '(clear_quota); otherwise wait until tomorrow.',
    };
  }
  if (category === 'token_rejected' || category === 'wrong_token_type' || category === 'unknown') {
    return {
      ...inner,
      detail,
      action: `An admin checks the component appid, secret and authorizer appid with ${setupCommand(context)}.`,
    };
  }
  return { ...inner, detail };
}

/** For tokens a token server or the bot refreshes, "store a fresh token" is the wrong advice; this is the right one. */
export function refreshedSourceAdvice(category: ErrcodeCategory, context: FailureContext): Partial<FailureExplanation> {
  if (context.tokenSource === 'central' && category === 'token_rejected') {
    return {
      action:
        'The bot asked the central token server again and WeChat rejected that token too. Whoever runs the token ' +
        'server checks that it hands out the current authorizer_access_token of a mini program of the provider.',
    };
  }
  if (context.tokenSource === 'component' && category === 'token_rejected') {
    return {
      action:
        'The bot refreshed the token and WeChat still rejects it. Try again in a few minutes; if it persists, make ' +
        'sure no other system refreshes with the same credentials (that invalidates the bot’s tokens) and check ' +
        `the setup with ${setupCommand(context)}.`,
    };
  }
  if (context.tokenSource === 'component' && category === 'deauthorized') {
    return {
      action: `Have the mini program authorize the provider again, then store its new refresh token with ${setupCommand(context)}.`,
    };
  }
  return {};
}
