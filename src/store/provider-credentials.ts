import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Provider, ProviderCredentials } from '../quota/types.js';
import { CredentialsUnreadableError } from '../tokens/errors.js';
import type { DatabaseSchema } from './schema.js';

type Db = Kysely<DatabaseSchema>;

/** The AAD that binds sealed credentials to their row and tenant: copying them to another row makes them unreadable. */
export function credentialsContext(teamId: string, providerId: string): string {
  return `provider-credentials:${teamId}:${providerId}`;
}

const secret = z.string().min(1);

/** Every shape of credentials this version stores; anything else is unreadable rather than guessed at. */
const credentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), token: secret }),
  z.object({
    kind: z.literal('central'),
    url: secret,
    header: z.object({ name: secret, value: secret }).nullable(),
  }),
  z.object({
    kind: z.literal('component'),
    componentAppId: secret,
    componentSecret: secret,
    authorizerAppId: secret,
    refreshToken: secret,
    callbackToken: secret,
    encodingAesKey: secret,
  }),
]);

/** Seals the credentials as JSON for the provider row `providerId` of `teamId`. */
export function sealCredentials(box: SecretBox, teamId: string, providerId: string, credentials: ProviderCredentials) {
  return box.seal(JSON.stringify(credentials), credentialsContext(teamId, providerId));
}

const UNEXPECTED_SHAPE = 'The decrypted credentials are not the JSON this version expects';

/**
 * Opens sealed credentials; CredentialsUnreadableError when they cannot be decrypted (other key, tampered, copied
 * from another row) or do not have a known shape. The error never quotes the decrypted text.
 */
export function openCredentials(
  box: SecretBox,
  where: { teamId: string; providerId: string; providerName: string },
  sealed: string,
): ProviderCredentials {
  let plaintext: string;
  try {
    plaintext = box.open(sealed, credentialsContext(where.teamId, where.providerId));
  } catch (error) {
    throw new CredentialsUnreadableError(where.providerName, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    json = undefined;
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) throw new CredentialsUnreadableError(where.providerName, { cause: new Error(UNEXPECTED_SHAPE) });
  return parsed.data;
}

/** The non-secret columns derived from credentials, so pushes and status can find a provider without decrypting. */
export function credentialColumns(credentials: ProviderCredentials) {
  return {
    token_source: credentials.kind,
    component_appid: credentials.kind === 'component' ? credentials.componentAppId : null,
    authorizer_appid: credentials.kind === 'component' ? credentials.authorizerAppId : null,
  };
}

/**
 * Stores the authorizer refresh token WeChat rotated to, if the provider still holds `previous` (compare-and-set on
 * the sealed value, so an admin's concurrent edit wins). True when `next` is stored now or was already.
 */
export async function replaceRefreshToken(
  db: Db,
  box: SecretBox,
  provider: Provider,
  previous: string,
  next: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('providers')
    .select('credentials')
    .where('team_id', '=', provider.teamId)
    .where('id', '=', provider.id)
    .executeTakeFirst();
  if (row === undefined) return false;
  const where = { teamId: provider.teamId, providerId: provider.id, providerName: provider.name };
  const current = openCredentials(box, where, row.credentials);
  if (current.kind !== 'component') return false;
  if (current.refreshToken === next) return true;
  if (current.refreshToken !== previous) return false;
  const updated = await db
    .updateTable('providers')
    .set({ credentials: sealCredentials(box, provider.teamId, provider.id, { ...current, refreshToken: next }) })
    .where('team_id', '=', provider.teamId)
    .where('id', '=', provider.id)
    .where('credentials', '=', row.credentials)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}
