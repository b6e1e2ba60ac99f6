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
  /** Component setups only: the platform's appid (not a secret), so a WeChat push finds its providers. */
  component_appid: string | null;
  /** Component setups only: the mini program whose tokens the bot refreshes. */
  authorizer_appid: string | null;
  /** Set when WeChat said the authorization is gone (61023, 61003, `unauthorized` push); cleared by saving again. */
  reauth_required_at: string | null;
  reauth_reason: string | null;
  /** Slack user id of the admin who last saved it through `/quota setup`, to tell them about trouble. */
  configured_by: string | null;
}

/** Cached access tokens (component, authorizer, central), sealed, with the lease that lets one process refresh. */
export interface TokenCacheTable {
  team_id: string;
  /** `component:<appid>`, `authorizer:<provider id>` or `central:<provider id>`. */
  cache_key: string;
  /** SecretBox-sealed token, AAD `token-cache:<team_id>:<cache_key>`; null until the first refresh. */
  value: string | null;
  expires_at: string | null;
  refreshed_at: string | null;
  failed_at: string | null;
  /** FailureExplanation code and headline of the last failed refresh: never a secret. */
  failure_code: string | null;
  failure_message: string | null;
  lease_holder: string | null;
  lease_expires_at: string | null;
}

/** The latest component_verify_ticket WeChat pushed, per workspace and component. */
export interface ComponentTicketsTable {
  team_id: string;
  component_appid: string;
  /** SecretBox-sealed, AAD `component-ticket:<team_id>:<component_appid>`. */
  ticket: string;
  /** The push's CreateTime. */
  pushed_at: string;
  received_at: string;
  expires_at: string;
}

/** Authenticated WeChat pushes, so a replay is recognised and events can be audited. No secrets. */
export interface WechatPushesTable {
  id: string;
  /** msg_signature and nonce of the push. */
  dedupe_key: string;
  component_appid: string;
  info_type: string;
  authorizer_appid: string | null;
  pushed_at: string | null;
  received_at: string;
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

/** A channel's weekly digest: when (local wall clock in time_zone) and the scheduler's cursor. */
export interface DigestSubscriptionsTable {
  id: string;
  team_id: string;
  channel_id: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  time_zone: string;
  /** Slack user who last subscribed the channel (told when it gets paused); null from the CLI. */
  subscribed_by: string | null;
  /** The first scheduled slot not yet delivered, skipped or failed. */
  next_due_at: string;
  paused_at: string | null;
  paused_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A channel's low-quota alert: warn when audits left fall to `threshold` (a count, or a percent of the limit). */
export interface QuotaAlertsTable {
  id: string;
  team_id: string;
  channel_id: string;
  threshold: number;
  unit: string;
  set_by: string | null;
  paused_at: string | null;
  paused_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Per alert and provider: the quota month and crossing a firing would be keyed by (re-armed by a rise). */
export interface AlertStatesTable {
  id: string;
  team_id: string;
  alert_id: string;
  provider_id: string;
  month_key: string;
  crossing: number;
  armed_at: string;
  updated_at: string;
}

/** One digest slot or alert firing: claimed before posting, so each is posted once across processes. */
export interface DeliveriesTable {
  id: string;
  team_id: string;
  kind: string;
  target_id: string;
  period_key: string;
  channel_id: string;
  status: string;
  scheduled_for: string;
  claimed_at: string | null;
  claim_token: string | null;
  attempts: number;
  retry_at: string | null;
  finished_at: string | null;
  message_ts: string | null;
  detail: string | null;
}

/** A bot admin added with `/quota admins add`: may change the configuration like Slack's admins and owners. */
export interface WorkspaceAdminsTable {
  team_id: string;
  user_id: string;
  added_by: string;
  added_at: string;
}

/** One workspace's settings; no row means every default. */
export interface WorkspaceSettingsTable {
  team_id: string;
  /** 'en' or 'zh-CN' (`/quota language`); null: not chosen. */
  language: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** A Slack OAuth install: one per workspace, or per organization for an org-wide Enterprise Grid install. */
export interface SlackInstallationsTable {
  /** `team:<team id>` or `enterprise:<enterprise id>`. */
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  /** 1 for an org-wide install, else 0. */
  is_enterprise_install: number;
  /** SecretBox-sealed JSON of Bolt's Installation, AAD `slack-installation:<installation_key>`. */
  installation: string;
  installed_at: string;
  updated_at: string;
}

/** The tables as the application sees them (migrations stay untyped on purpose). */
export interface DatabaseSchema {
  providers: ProvidersTable;
  quota_snapshots: QuotaSnapshotsTable;
  slack_events: SlackEventsTable;
  digest_subscriptions: DigestSubscriptionsTable;
  quota_alerts: QuotaAlertsTable;
  alert_states: AlertStatesTable;
  deliveries: DeliveriesTable;
  token_cache: TokenCacheTable;
  component_tickets: ComponentTicketsTable;
  wechat_pushes: WechatPushesTable;
  slack_installations: SlackInstallationsTable;
  workspace_admins: WorkspaceAdminsTable;
  workspace_settings: WorkspaceSettingsTable;
}

export type ProviderRow = Selectable<ProvidersTable>;
export type NewProviderRow = Insertable<ProvidersTable>;
export type QuotaSnapshotRow = Selectable<QuotaSnapshotsTable>;
export type SlackEventRow = Selectable<SlackEventsTable>;
export type TokenCacheRow = Selectable<TokenCacheTable>;
export type DigestSubscriptionRow = Selectable<DigestSubscriptionsTable>;
export type QuotaAlertRow = Selectable<QuotaAlertsTable>;
export type AlertStateRow = Selectable<AlertStatesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
