import type { Kysely } from 'kysely';
import type { SecretBox } from '../../src/crypto/secret-box.js';
import { TEAM_SCOPED_TABLES } from '../../src/store/forget-workspace.js';
import { saveInstallation } from '../../src/store/installations.js';
import type { DatabaseSchema } from '../../src/store/schema.js';

const NOW = '2026-11-26T08:00:00.000Z';

/** One row in every team-scoped table for `team`, the way the features write them (ids unique per team). */
export async function seedTeam(
  db: Kysely<DatabaseSchema>,
  box: SecretBox,
  team: string,
  options: { installation?: boolean } = {},
): Promise<void> {
  const provider = `prov-${team}`;
  const alert = `alert-${team}`;
  await db
    .insertInto('providers')
    .values({
      id: provider,
      team_id: team,
      name: 'Acme',
      name_key: 'acme',
      token_source: 'static',
      credentials: box.seal('{}', 'x'),
      token_expires_at: null,
      created_at: NOW,
      updated_at: NOW,
      component_appid: 'wx-component',
      authorizer_appid: null,
      reauth_required_at: null,
      reauth_reason: null,
      configured_by: null,
    })
    .execute();
  await db
    .insertInto('quota_snapshots')
    .values({
      id: `snap-${team}`,
      team_id: team,
      provider_id: provider,
      rest: 1,
      quota_limit: 2,
      speedup_rest: 0,
      speedup_limit: 0,
      checked_at: NOW,
    })
    .execute();
  await db
    .insertInto('slack_events')
    .values({ event_id: `Ev-${team}`, team_id: team, claimed_at: NOW, completed_at: null })
    .execute();
  await db
    .insertInto('digest_subscriptions')
    .values({
      id: `sub-${team}`,
      team_id: team,
      channel_id: 'C1',
      weekday: 1,
      hour: 9,
      minute: 0,
      time_zone: 'Asia/Shanghai',
      subscribed_by: null,
      next_due_at: NOW,
      paused_at: null,
      paused_reason: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('quota_alerts')
    .values({
      id: alert,
      team_id: team,
      channel_id: 'C1',
      threshold: 5,
      unit: 'count',
      set_by: null,
      paused_at: null,
      paused_reason: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('alert_states')
    .values({
      id: `state-${team}`,
      team_id: team,
      alert_id: alert,
      provider_id: provider,
      month_key: '2026-11',
      crossing: 0,
      armed_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('deliveries')
    .values({
      id: `del-${team}`,
      team_id: team,
      kind: 'digest',
      target_id: `sub-${team}`,
      period_key: '2026-11-30',
      channel_id: 'C1',
      status: 'delivered',
      scheduled_for: NOW,
      claimed_at: NOW,
      claim_token: null,
      attempts: 1,
      retry_at: null,
      finished_at: NOW,
      message_ts: null,
      detail: null,
    })
    .execute();
  await db
    .insertInto('token_cache')
    .values({
      team_id: team,
      cache_key: `authorizer:${provider}`,
      value: null,
      expires_at: null,
      refreshed_at: null,
      failed_at: null,
      failure_code: null,
      failure_message: null,
      lease_holder: null,
      lease_expires_at: null,
    })
    .execute();
  await db
    .insertInto('component_tickets')
    .values({
      team_id: team,
      component_appid: 'wx-component',
      ticket: box.seal('ticket', 'x'),
      pushed_at: NOW,
      received_at: NOW,
      expires_at: NOW,
    })
    .execute();
  await db
    .insertInto('workspace_admins')
    .values({ team_id: team, user_id: 'U1', added_by: 'U0', added_at: NOW })
    .execute();
  await db
    .insertInto('workspace_settings')
    .values({ team_id: team, language: 'zh-CN', updated_by: 'U0', updated_at: NOW })
    .execute();
  // An e2e test keeps the installation its OAuth round trip stored.
  if (options.installation === false) return;
  await saveInstallation(db, box, {
    teamId: team,
    enterpriseId: null,
    isEnterpriseInstall: false,
    json: '{}',
    now: new Date(NOW),
  });
}

/** Rows per team-scoped table that belong to `team`. */
export async function teamRowCounts(db: Kysely<DatabaseSchema>, team: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TEAM_SCOPED_TABLES) {
    const rows = await db.selectFrom(table).select('team_id').execute();
    counts[table] = rows.filter((row) => row.team_id === team).length;
  }
  return counts;
}
