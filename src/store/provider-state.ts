import type { Kysely } from 'kysely';
import type { Provider } from '../quota/types.js';
import type { ReauthReason } from '../tokens/errors.js';
import { toProvider } from './providers.js';
import type { DatabaseSchema } from './schema.js';

type Db = Kysely<DatabaseSchema>;

/** What the store knows about a provider beyond its secrets: component ids, re-authorization, who configured it. */
export interface ProviderState {
  readonly componentAppId: string | null;
  readonly authorizerAppId: string | null;
  readonly reauthRequiredAt: Date | null;
  readonly reauthReason: ReauthReason | null;
  readonly configuredBy: string | null;
}

const REASONS: readonly string[] = ['refresh_token_invalid', 'deauthorized', 'unauthorized'] satisfies ReauthReason[];

function toState(row: {
  component_appid: string | null;
  authorizer_appid: string | null;
  reauth_required_at: string | null;
  reauth_reason: string | null;
  configured_by: string | null;
}): ProviderState {
  return {
    componentAppId: row.component_appid,
    authorizerAppId: row.authorizer_appid,
    reauthRequiredAt: row.reauth_required_at === null ? null : new Date(row.reauth_required_at),
    reauthReason:
      row.reauth_reason !== null && REASONS.includes(row.reauth_reason) ? (row.reauth_reason as ReauthReason) : null,
    configuredBy: row.configured_by,
  };
}

/** The provider's state, or null when it is gone (or belongs to another team). */
export async function readProviderState(db: Db, provider: Provider): Promise<ProviderState | null> {
  const row = await db
    .selectFrom('providers')
    .select(['component_appid', 'authorizer_appid', 'reauth_required_at', 'reauth_reason', 'configured_by'])
    .where('team_id', '=', provider.teamId)
    .where('id', '=', provider.id)
    .executeTakeFirst();
  return row === undefined ? null : toState(row);
}

/** Every team's providers set up with this component appid, with their sealed credentials (for authenticating pushes). */
export async function findComponentProviders(db: Db, componentAppId: string) {
  const rows = await db.selectFrom('providers').selectAll().where('component_appid', '=', componentAppId).execute();
  return rows.map((row) => ({ provider: toProvider(row), sealedCredentials: row.credentials, state: toState(row) }));
}

/**
 * Marks the provider as needing re-authorization, keeping the first instant and reason when already marked.
 * True when this call set the mark (so whoever must act is told once).
 */
export async function markReauthRequired(
  db: Db,
  input: { teamId: string; providerId: string; reason: ReauthReason; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('providers')
    .set({ reauth_required_at: input.now.toISOString(), reauth_reason: input.reason })
    .where('team_id', '=', input.teamId)
    .where('id', '=', input.providerId)
    .where('reauth_required_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The state of every provider of the team, keyed by provider id. */
export async function listProviderStates(db: Db, teamId: string): Promise<Map<string, ProviderState>> {
  const rows = await db
    .selectFrom('providers')
    .select(['id', 'component_appid', 'authorizer_appid', 'reauth_required_at', 'reauth_reason', 'configured_by'])
    .where('team_id', '=', teamId)
    .execute();
  return new Map(rows.map((row) => [row.id, toState(row)]));
}

/** The team's providers that refresh tokens for this authorizer through this component. */
export async function findAuthorizerProviders(
  db: Db,
  where: { teamId: string; componentAppId: string; authorizerAppId: string },
): Promise<Provider[]> {
  const rows = await db
    .selectFrom('providers')
    .selectAll()
    .where('team_id', '=', where.teamId)
    .where('component_appid', '=', where.componentAppId)
    .where('authorizer_appid', '=', where.authorizerAppId)
    .execute();
  return rows.map(toProvider);
}

/** The team's provider with this id, or null (removed, or another team's). */
export async function findProviderById(db: Db, teamId: string, providerId: string): Promise<Provider | null> {
  const row = await db
    .selectFrom('providers')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', providerId)
    .executeTakeFirst();
  return row === undefined ? null : toProvider(row);
}
