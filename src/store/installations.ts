import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { DatabaseSchema } from './schema.js';

// Installations hold bot tokens: the whole record is sealed, bound (AAD) to its key, so a sealed value copied onto
// another workspace's row does not open. Only the ids needed to find and forget a row stay in the clear.

type Db = Kysely<DatabaseSchema>;

/** Which install a request or an installation belongs to: a workspace, or an organization for an org-wide install. */
export interface InstallationOwner {
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
}

/** The row key: org-wide installs are keyed by their enterprise id, every other install by its workspace id. */
export function installationKeyFor(owner: InstallationOwner): string {
  if (owner.isEnterpriseInstall) {
    if (!owner.enterpriseId) throw new RangeError('an org-wide install needs an enterprise id');
    return `enterprise:${owner.enterpriseId}`;
  }
  if (!owner.teamId) throw new RangeError('a workspace install needs a team id');
  return `team:${owner.teamId}`;
}

const aad = (key: string) => `slack-installation:${key}`;

/** Adds or replaces the installation of one workspace (or organization); a reinstall keeps the first install date. */
export async function saveInstallation(
  db: Db,
  box: SecretBox,
  input: InstallationOwner & { readonly json: string; readonly now: Date },
): Promise<void> {
  const key = installationKeyFor(input);
  const now = input.now.toISOString();
  const sealed = box.seal(input.json, aad(key));
  await db
    .insertInto('slack_installations')
    .values({
      installation_key: key,
      team_id: input.teamId,
      enterprise_id: input.enterpriseId,
      is_enterprise_install: input.isEnterpriseInstall ? 1 : 0,
      installation: sealed,
      installed_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('installation_key').doUpdateSet({
        team_id: input.teamId,
        enterprise_id: input.enterpriseId,
        installation: sealed,
        updated_at: now,
      }),
    )
    .execute();
}

/** The installation's JSON, or null when that workspace (or organization) has not installed the bot. */
export async function findInstallation(db: Db, box: SecretBox, owner: InstallationOwner): Promise<string | null> {
  const key = installationKeyFor(owner);
  const row = await db
    .selectFrom('slack_installations')
    .select('installation')
    .where('installation_key', '=', key)
    .executeTakeFirst();
  return row === undefined ? null : box.open(row.installation, aad(key));
}

/** Removes one installation; true when there was one. */
export async function deleteInstallation(db: Db, owner: InstallationOwner): Promise<boolean> {
  const result = await db
    .deleteFrom('slack_installations')
    .where('installation_key', '=', installationKeyFor(owner))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
