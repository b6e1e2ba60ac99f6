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

/**
 * How a provider obtains its authorizer access token: pasted by an admin (`static`), fetched from the provider's own
 * central token server (`central`), or refreshed by the bot from component credentials and the pushed ticket.
 */
export type TokenSourceKind = 'static' | 'central' | 'component';

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

/** The secret part of a provider, only ever held decrypted in memory (sealed as a whole at rest). */
export type ProviderCredentials = StaticCredentials | CentralCredentials | ComponentCredentials;

/** A token pasted by an admin. */
export interface StaticCredentials {
  readonly kind: 'static';
  readonly token: string;
}

/** The provider's central token server: GET `url` (with the optional header) answers JSON with the current token. */
export interface CentralCredentials {
  readonly kind: 'central';
  readonly url: string;
  readonly header: { readonly name: string; readonly value: string } | null;
}

/** A third-party platform's credentials plus one authorizer (mini program) the bot refreshes tokens for. */
export interface ComponentCredentials {
  readonly kind: 'component';
  readonly componentAppId: string;
  readonly componentSecret: string;
  readonly authorizerAppId: string;
  readonly refreshToken: string;
  /** The "Token" of the push configuration: signs WeChat's pushes (msg_signature). */
  readonly callbackToken: string;
  /** The 43-character key that encrypts WeChat's pushes. */
  readonly encodingAesKey: string;
}
