import { AppError } from '../errors.js';

/** The stored static token is past the expiry the admin gave; nobody can fix it but an admin. */
export class TokenExpiredError extends AppError {
  readonly providerName: string;
  readonly expiredAt: Date;
  constructor(providerName: string, expiredAt: Date) {
    super('TOKEN_EXPIRED', `The stored token of provider "${providerName}" expired at ${expiredAt.toISOString()}`);
    this.providerName = providerName;
    this.expiredAt = expiredAt;
  }
}

/** The stored credentials cannot be decrypted: wrong ENCRYPTION_KEY or tampered data. */
export class CredentialsUnreadableError extends AppError {
  readonly providerName: string;
  constructor(providerName: string, options?: { cause?: unknown }) {
    super(
      'CREDENTIALS_UNREADABLE',
      `The stored credentials of provider "${providerName}" cannot be decrypted with the current encryption key`,
      options,
    );
    this.providerName = providerName;
  }
}

/** Why WeChat no longer lets the bot act for the mini program: 61023, 61003, or an `unauthorized` push. */
export type ReauthReason = 'refresh_token_invalid' | 'deauthorized' | 'unauthorized';

/** The provider is marked as needing re-authorization; nothing the bot can do fixes it, so it stops trying. */
export class ReauthorizationRequiredError extends AppError {
  readonly providerName: string;
  readonly reason: ReauthReason;
  readonly since: Date;
  constructor(providerName: string, reason: ReauthReason, since: Date) {
    super('REAUTHORIZATION_REQUIRED', `Provider "${providerName}" needs to be authorized again (${reason})`);
    this.providerName = providerName;
    this.reason = reason;
    this.since = since;
  }
}

/** What went wrong asking the provider's central token server. */
export type CentralFailureKind = 'unreachable' | 'timeout' | 'http_status' | 'bad_payload' | 'expired';

/** The central token server did not hand out a usable token. Names the server's host only: its URL may hold a key. */
export class CentralTokenError extends AppError {
  readonly kind: CentralFailureKind;
  readonly host: string;
  readonly status: number | null;
  constructor(kind: CentralFailureKind, host: string, message: string, status: number | null = null) {
    super('CENTRAL_TOKEN', message);
    this.kind = kind;
    this.host = host;
    this.status = status;
  }
}

/** No valid component_verify_ticket has been pushed for the component, so its token cannot be refreshed. */
export class TicketMissingError extends AppError {
  readonly componentAppId: string;
  /** When the last (now expired) ticket arrived, or null when none ever did. */
  readonly lastReceivedAt: Date | null;
  constructor(componentAppId: string, lastReceivedAt: Date | null) {
    super(
      'TICKET_MISSING',
      lastReceivedAt === null
        ? `No component_verify_ticket has been received for component ${componentAppId}`
        : `The component_verify_ticket of component ${componentAppId} expired (last received ${lastReceivedAt.toISOString()})`,
    );
    this.componentAppId = componentAppId;
    this.lastReceivedAt = lastReceivedAt;
  }
}

/** WeChat refused to refresh a token; `cause` is the WeChatError (its message is already redacted). */
export class TokenRefreshError extends AppError {
  /** Which token: the platform's component_access_token or the mini program's authorizer_access_token. */
  readonly step: 'component' | 'authorizer';
  constructor(step: 'component' | 'authorizer', cause: unknown) {
    super('TOKEN_REFRESH_FAILED', `WeChat refused to refresh the ${step} access token`, { cause });
    this.step = step;
  }
}

/** Another process has been refreshing the token for longer than callers wait, and no valid token is cached. */
export class TokenRefreshBusyError extends AppError {
  constructor(what: string) {
    super('TOKEN_REFRESH_BUSY', `Another process is still refreshing ${what}`);
  }
}
