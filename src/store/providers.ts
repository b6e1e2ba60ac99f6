import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Provider, ProviderCredentials, TokenSourceKind } from '../quota/types.js';
import { ProviderNotFoundError } from './errors.js';
import { credentialColumns, openCredentials, sealCredentials } from './provider-credentials.js';
import type { DatabaseSchema, ProviderRow } from './schema.js';
import { forgetProviderTokens } from './token-cache.js';

// Every query below filters on team_id: one workspace can never see or change another workspace's providers.

type Db = Kysely<DatabaseSchema>;

/** What makes two provider names the same: Unicode NFC and lower case ("Acme" and "ACME" are one provider). */
export function providerNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export interface SaveProviderInput {
  readonly teamId: string;
  /** Already validated by the caller; stored as given. */
  readonly name: string;
  readonly credentials: ProviderCredentials;
  readonly tokenExpiresAt: Date | null;
  readonly now: Date;
  /** Slack user who saved it through `/quota setup`; omitted (CLI) keeps whoever was recorded before. */
  readonly configuredBy?: string | null;
}

/**
 * Adds a provider, or, when the team already has one with this name (case-insensitive), replaces its credentials and
 * expiry and takes the new spelling of the name, keeping its id and createdAt. Saving clears a re-authorization mark
 * and the provider's cached tokens: new credentials deserve a fresh start.
 */
export async function saveProvider(
  db: Db,
  box: SecretBox,
  input: SaveProviderInput,
): Promise<{ provider: Provider; replaced: boolean }> {
  const nameKey = providerNameKey(input.name);
  const now = input.now.toISOString();
  const tokenExpiresAt = input.tokenExpiresAt?.toISOString() ?? null;
  const derived = { ...credentialColumns(input.credentials), reauth_required_at: null, reauth_reason: null };

  // Optimistic loop instead of one upsert: the ciphertext's AAD needs the final row id before the write, and a
  // concurrent add or remove of the same name only costs another round.
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await db
      .selectFrom('providers')
      .selectAll()
      .where('team_id', '=', input.teamId)
      .where('name_key', '=', nameKey)
      .executeTakeFirst();

    if (existing === undefined) {
      const id = randomUUID();
      const row: ProviderRow = {
        id,
        team_id: input.teamId,
        name: input.name,
        name_key: nameKey,
        ...derived,
        credentials: sealCredentials(box, input.teamId, id, input.credentials),
        token_expires_at: tokenExpiresAt,
        created_at: now,
        updated_at: now,
        configured_by: input.configuredBy ?? null,
      };
      const inserted = await db
        .insertInto('providers')
        .values(row)
        .onConflict((oc) => oc.columns(['team_id', 'name_key']).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 1n) return { provider: toProvider(row), replaced: false };
      continue;
    }

    const changes = {
      name: input.name,
      ...derived,
      credentials: sealCredentials(box, input.teamId, existing.id, input.credentials),
      token_expires_at: tokenExpiresAt,
      updated_at: now,
      configured_by: input.configuredBy === undefined ? existing.configured_by : input.configuredBy,
    };
    const updated = await db
      .updateTable('providers')
      .set(changes)
      .where('team_id', '=', input.teamId)
      .where('id', '=', existing.id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 1n) {
      await forgetProviderTokens(db, input.teamId, existing.id);
      return { provider: toProvider({ ...existing, ...changes }), replaced: true };
    }
  }
  throw new Error(`Could not save provider "${input.name}": it kept changing concurrently`);
}

/** The team's providers, ordered by name regardless of case. */
export async function listProviders(db: Db, teamId: string): Promise<Provider[]> {
  const rows = await db
    .selectFrom('providers')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('name_key')
    .orderBy('id')
    .execute();
  return rows.map(toProvider);
}

/** The team's provider with this name (case-insensitive), or null. */
export async function findProvider(db: Db, teamId: string, name: string): Promise<Provider | null> {
  const row = await db
    .selectFrom('providers')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('name_key', '=', providerNameKey(name))
    .executeTakeFirst();
  return row === undefined ? null : toProvider(row);
}

/** Removes the team's provider with this name (case-insensitive) and its snapshots; false when there was none. */
export async function removeProvider(db: Db, teamId: string, name: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('providers')
      .select('id')
      .where('team_id', '=', teamId)
      .where('name_key', '=', providerNameKey(name))
      .executeTakeFirst();
    if (row === undefined) return false;
    // The foreign key cascades too; deleting explicitly keeps this correct even where foreign keys are off.
    await trx.deleteFrom('quota_snapshots').where('team_id', '=', teamId).where('provider_id', '=', row.id).execute();
    await forgetProviderTokens(trx, teamId, row.id);
    const deleted = await trx
      .deleteFrom('providers')
      .where('team_id', '=', teamId)
      .where('id', '=', row.id)
      .executeTakeFirst();
    return deleted.numDeletedRows === 1n;
  });
}

/**
 * Decrypts the provider's credentials. CredentialsUnreadableError when they cannot be opened (other key, tampered,
 * copied from another row) or parsed; ProviderNotFoundError when the row is gone or belongs to another team.
 */
export async function readCredentials(db: Db, box: SecretBox, provider: Provider): Promise<ProviderCredentials> {
  const row = await db
    .selectFrom('providers')
    .select('credentials')
    .where('team_id', '=', provider.teamId)
    .where('id', '=', provider.id)
    .executeTakeFirst();
  if (row === undefined) throw new ProviderNotFoundError(provider.teamId, provider.name);
  return openCredentials(
    box,
    { teamId: provider.teamId, providerId: provider.id, providerName: provider.name },
    row.credentials,
  );
}

const KNOWN_SOURCES: readonly string[] = ['static', 'central', 'component'] satisfies TokenSourceKind[];

/** The domain view of a provider row (exported for the other provider queries of the store). */
export function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    // A row written by a newer version still lists; readCredentials rejects credentials it cannot understand.
    tokenSource: KNOWN_SOURCES.includes(row.token_source) ? (row.token_source as TokenSourceKind) : 'static',
    tokenExpiresAt: row.token_expires_at === null ? null : new Date(row.token_expires_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
