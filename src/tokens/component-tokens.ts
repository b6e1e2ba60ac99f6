import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../logging/logger.js';
import type { ComponentCredentials, Provider } from '../quota/types.js';
import { readTicket } from '../store/component-tickets.js';
import { replaceRefreshToken } from '../store/provider-credentials.js';
import { markReauthRequired } from '../store/provider-state.js';
import { readCredentials } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { componentTokenKey, providerTokenKey } from '../store/token-cache.js';
import type { WeChatTokenApi } from '../wechat/client.js';
import { WeChatApiError, WeChatError } from '../wechat/errors.js';
import type { TimedToken } from './central-token.js';
import { ReauthorizationRequiredError, type ReauthReason, TicketMissingError, TokenRefreshError } from './errors.js';
import type { FreshTokens } from './fresh-token.js';

/** What refreshing from component credentials needs. */
export interface ComponentTokenDeps {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
  wechat: WeChatTokenApi;
  fresh: FreshTokens;
  logger: Logger;
  /** Told once when a provider gets marked for re-authorization, so its admins hear about it. */
  onReauthRequired: (provider: Provider, reason: ReauthReason) => void;
}

/** WeChat's answers that mean the authorization itself is gone: retrying cannot help. */
const REAUTH_BY_ERRCODE: ReadonlyMap<number, ReauthReason> = new Map([
  [61023, 'refresh_token_invalid'],
  [61003, 'deauthorized'],
]);

/**
 * The authorizer_access_token of a component provider, refreshed through the shared cache: component token from the
 * pushed ticket, then api_authorizer_token. A rotated refresh token is stored before the new access token is used.
 */
export function createComponentTokens(deps: ComponentTokenDeps) {
  const log = deps.logger.child({ component: 'tokens' });
  const timed = (token: string, seconds: number): TimedToken => ({
    token,
    expiresAt: new Date(deps.clock().getTime() + seconds * 1000),
  });

  function componentToken(teamId: string, credentials: ComponentCredentials): Promise<string> {
    return deps.fresh.get({ teamId, key: componentTokenKey(credentials.componentAppId) }, async () => {
      const ticket = await readTicket(deps.db, deps.box, teamId, credentials.componentAppId);
      if (ticket === null || ticket.expiresAt.getTime() <= deps.clock().getTime()) {
        throw new TicketMissingError(credentials.componentAppId, ticket?.receivedAt ?? null);
      }
      try {
        const issued = await deps.wechat.componentAccessToken({
          componentAppId: credentials.componentAppId,
          componentSecret: credentials.componentSecret,
          ticket: ticket.ticket,
        });
        return timed(issued.token, issued.expiresInSeconds);
      } catch (error) {
        throw new TokenRefreshError('component', error);
      }
    });
  }

  async function markAndThrow(provider: Provider, reason: ReauthReason, cause: unknown): Promise<never> {
    const now = deps.clock();
    if (await markReauthRequired(deps.db, { teamId: provider.teamId, providerId: provider.id, reason, now })) {
      log.warn({ providerId: provider.id, teamId: provider.teamId, reason }, 'provider needs re-authorization');
      deps.onReauthRequired(provider, reason);
    }
    throw Object.assign(new ReauthorizationRequiredError(provider.name, reason, now), { cause });
  }

  /** One api_authorizer_token call; a rejected component token is expired (if still cached) and replaced once. */
  async function refreshAuthorizer(provider: Provider): Promise<TimedToken> {
    // Read inside the lease: the process that refreshed before us may have rotated the refresh token.
    const credentials = await readCredentials(deps.db, deps.box, provider);
    if (credentials.kind !== 'component') throw new Error(`provider "${provider.name}" has no component credentials`);
    const call = (componentAccessToken: string) =>
      deps.wechat.authorizerAccessToken({
        componentAccessToken,
        componentAppId: credentials.componentAppId,
        authorizerAppId: credentials.authorizerAppId,
        refreshToken: credentials.refreshToken,
      });
    let sent = await componentToken(provider.teamId, credentials);
    let issued: Awaited<ReturnType<typeof call>>;
    try {
      try {
        issued = await call(sent);
      } catch (error) {
        if (!(error instanceof WeChatApiError) || error.category !== 'token_rejected') throw error;
        await deps.fresh.expireIfCurrent(
          { teamId: provider.teamId, key: componentTokenKey(credentials.componentAppId) },
          sent,
        );
        sent = await componentToken(provider.teamId, credentials);
        issued = await call(sent);
      }
    } catch (error) {
      const reason = error instanceof WeChatApiError ? REAUTH_BY_ERRCODE.get(error.errcode) : undefined;
      if (reason) return markAndThrow(provider, reason, error);
      throw error instanceof WeChatError ? new TokenRefreshError('authorizer', error) : error;
    }
    if (issued.refreshToken !== credentials.refreshToken) {
      // Losing a rotated refresh token means the merchant must authorize again: store it before anything else.
      const kept = await replaceRefreshToken(
        deps.db,
        deps.box,
        provider,
        credentials.refreshToken,
        issued.refreshToken,
      );
      log.info({ providerId: provider.id, teamId: provider.teamId, kept }, 'authorizer refresh token rotated');
    }
    return timed(issued.token, issued.expiresInSeconds);
  }

  return {
    /** The provider's authorizer access token, refreshed when needed. */
    tokenFor(provider: Provider): Promise<string> {
      return deps.fresh.get({ teamId: provider.teamId, key: providerTokenKey('authorizer', provider.id) }, () =>
        refreshAuthorizer(provider),
      );
    },
    /** Marks the provider for re-authorization when WeChat's answer says the authorization is gone. */
    async reportDeauthorized(provider: Provider, error: WeChatApiError): Promise<void> {
      const reason = REAUTH_BY_ERRCODE.get(error.errcode);
      if (reason) await markAndThrow(provider, reason, error).catch(() => undefined);
    },
  };
}
