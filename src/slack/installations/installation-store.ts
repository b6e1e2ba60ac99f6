import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Logger } from '../../logging/logger.js';
import {
  deleteInstallation,
  findInstallation,
  type InstallationOwner,
  installationKeyFor,
  saveInstallation,
} from '../../store/installations.js';
import type { DatabaseSchema } from '../../store/schema.js';

/** Bolt's InstallationStore on our database, plus the bot token lookup digests and notices post with. */
export interface QuotaInstallationStore extends InstallationStore {
  /** The workspace's bot token, or null when the bot is not installed there. */
  botTokenFor(teamId: string): Promise<string | null>;
  /** Drops a cached installation (after the workspace's data was deleted elsewhere). */
  evict(owner: InstallationOwner): void;
}

/** An install (or an authorization lookup) found nothing for this workspace. */
export class InstallationNotFoundError extends Error {
  constructor(key: string) {
    super(`no Slack installation for ${key}`);
    this.name = 'InstallationNotFoundError';
  }
}

/** Every request opens the installation; a short cache saves the query and the decryption on busy workspaces. */
const DEFAULT_CACHE_TTL_MS = 30_000;
const MAX_CACHED = 5_000;

/**
 * Installations sealed whole (tokens included) in `slack_installations`, keyed by workspace, or by organization for
 * an org-wide Enterprise Grid install. A hit is cached briefly in this process; a miss is not, so a fresh install on
 * another replica is seen at once. An uninstall on another replica is seen within the TTL (Slack refuses the token
 * meanwhile, which the callers already handle).
 */
export function createInstallationStore(deps: {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
  logger: Logger;
  cacheTtlMs?: number;
}): QuotaInstallationStore {
  const ttlMs = deps.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const cache = new Map<string, { installation: Installation; expiresAt: number }>();
  const log = deps.logger.child({ component: 'installation-store' });

  const load = async (owner: InstallationOwner): Promise<Installation | null> => {
    const key = installationKeyFor(owner);
    const now = deps.clock().getTime();
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now) return hit.installation;
    const json = await findInstallation(deps.db, deps.box, owner);
    if (json === null) {
      cache.delete(key);
      return null;
    }
    const installation = JSON.parse(json) as Installation;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, { installation, expiresAt: now + ttlMs });
    return installation;
  };

  return {
    async storeInstallation(installation) {
      const owner = ownerOfInstallation(installation);
      await saveInstallation(deps.db, deps.box, { ...owner, json: JSON.stringify(installation), now: deps.clock() });
      cache.delete(installationKeyFor(owner));
      // Ids only: the installation holds tokens.
      log.info({ ...owner, appId: installation.appId, botUserId: installation.bot?.userId }, 'Slack app installed');
    },
    async fetchInstallation(query) {
      const owner = ownerOfQuery(query);
      const installation = await load(owner);
      if (installation === null) throw new InstallationNotFoundError(installationKeyFor(owner));
      return installation;
    },
    async deleteInstallation(query) {
      const owner = ownerOfQuery(query);
      cache.delete(installationKeyFor(owner));
      const deleted = await deleteInstallation(deps.db, owner);
      log.info({ ...owner, deleted }, 'Slack installation removed');
    },
    async botTokenFor(teamId) {
      const installation = await load({ teamId, enterpriseId: null, isEnterpriseInstall: false });
      return installation?.bot?.token ?? null;
    },
    evict(owner) {
      cache.delete(installationKeyFor(owner));
    },
  };
}

function ownerOfInstallation(installation: Installation): InstallationOwner {
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  return {
    teamId: isEnterpriseInstall ? null : (installation.team?.id ?? null),
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall,
  };
}

function ownerOfQuery(query: InstallationQuery<boolean>): InstallationOwner {
  return {
    teamId: query.teamId ?? null,
    enterpriseId: query.enterpriseId ?? null,
    isEnterpriseInstall: query.isEnterpriseInstall === true,
  };
}
