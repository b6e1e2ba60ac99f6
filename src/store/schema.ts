import type { Insertable, Selectable } from 'kysely';

// Instants are ISO-8601 UTC text (Date#toISOString): sortable, and identical on SQLite and PostgreSQL.
// Ids are crypto.randomUUID() text.

/** One WeChat service provider configured in one Slack workspace. */
export interface ProvidersTable {
  id: string;
  team_id: string;
  /** As the admin typed it. */
  name: string;
  /** NFC + lower-case `name`; unique per team, so names are case-insensitive. */
  name_key: string;
  token_source: string;
  /** SecretBox-sealed JSON of ProviderCredentials, AAD `provider-credentials:<team_id>:<id>`. */
  credentials: string;
  token_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One successful quota check. */
export interface QuotaSnapshotsTable {
  id: string;
  team_id: string;
  provider_id: string;
  rest: number;
  quota_limit: number;
  speedup_rest: number;
  speedup_limit: number;
  checked_at: string;
}

/** Slack Events API deliveries already claimed, so a retry is not handled twice. */
export interface SlackEventsTable {
  event_id: string;
  team_id: string;
  claimed_at: string;
  completed_at: string | null;
}

/** The tables as the application sees them (migrations stay untyped on purpose). */
export interface DatabaseSchema {
  providers: ProvidersTable;
  quota_snapshots: QuotaSnapshotsTable;
  slack_events: SlackEventsTable;
}

export type ProviderRow = Selectable<ProvidersTable>;
export type NewProviderRow = Insertable<ProvidersTable>;
export type QuotaSnapshotRow = Selectable<QuotaSnapshotsTable>;
export type SlackEventRow = Selectable<SlackEventsTable>;
