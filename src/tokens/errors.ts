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
