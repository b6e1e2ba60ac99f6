/** The four numbers WeChat's queryquota returns, renamed to our casing. */
export interface Quota {
  /** Code audits left this month. */
  readonly rest: number;
  /** Code audits allocated this month (may include temporary grants). */
  readonly limit: number;
  /** Expedited ("speedup") audits left this month. */
  readonly speedupRest: number;
  /** Expedited audits allocated this month. */
  readonly speedupLimit: number;
}

/** A quota as read at a given instant. */
export interface QuotaReading extends Quota {
  readonly checkedAt: Date;
}

/** How a provider obtains its authorizer access token. Only `static` exists so far; more sources come later. */
export type TokenSourceKind = 'static';

/** A provider as stored for one Slack workspace, without any secret. */
export interface Provider {
  readonly id: string;
  readonly teamId: string;
  readonly name: string;
  readonly tokenSource: TokenSourceKind;
  /** When the stored static token stops working, if the admin said so. */
  readonly tokenExpiresAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The secret part of a provider, only ever held decrypted in memory. */
export type ProviderCredentials = { readonly kind: 'static'; readonly token: string };
