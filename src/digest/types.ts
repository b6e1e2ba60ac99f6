/** When a weekly digest is posted: a local wall-clock time on one weekday in an IANA time zone. */
export interface WeeklySchedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  readonly timeZone: string;
}

/** A channel subscribed to the weekly digest. */
export interface Subscription {
  readonly id: string;
  readonly teamId: string;
  readonly channelId: string;
  readonly schedule: WeeklySchedule;
  /** The Slack user who last subscribed the channel; null when it was done from the CLI. */
  readonly subscribedBy: string | null;
  /** The first scheduled slot not yet delivered, skipped or failed. */
  readonly nextDueAt: Date;
  readonly pausedAt: Date | null;
  readonly pausedReason: string | null;
  readonly createdAt: Date;
}

/** "Warn when audits left fall to N" or "…to N% of the month's limit". */
export type AlertThreshold =
  | { readonly unit: 'count'; readonly value: number }
  | { readonly unit: 'percent'; readonly value: number };

/** A channel's low-quota alert. */
export interface QuotaAlert {
  readonly id: string;
  readonly teamId: string;
  readonly channelId: string;
  readonly threshold: AlertThreshold;
  readonly setBy: string | null;
  readonly pausedAt: Date | null;
  readonly pausedReason: string | null;
}

/** What a delivery row is for. */
export type DeliveryKind = 'digest' | 'alert';

/** Where a delivery stands: claimed (in flight), delivered, retry (transient failure), failed or skipped (terminal). */
export type DeliveryStatus = 'claimed' | 'delivered' | 'retry' | 'failed' | 'skipped';

/** The statuses after which a slot is never posted again. */
export const TERMINAL_STATUSES: readonly DeliveryStatus[] = Object.freeze(['delivered', 'failed', 'skipped']);
