import type { webApi } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';

/** Who may change the bot's configuration in a workspace. */
export interface Permissions {
  /** True for workspace admins and owners (users.info, cached briefly). Fails closed when Slack cannot say. */
  canConfigure(client: webApi.WebClient, teamId: string, userId: string): Promise<boolean>;
}

const DEFAULT_TTL_MS = 5 * 60 * 1000;

/**
 * Admin checks through `users.info`, cached per user for a few minutes: a demoted admin loses access within
 * the TTL, and a burst of configuration commands costs Slack one call (users.info is a Tier 4 method).
 */
export function createPermissions(deps: { clock: () => Date; logger: Logger; ttlMs?: number }): Permissions {
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const cache = new Map<string, { admin: boolean; expiresAt: number }>();
  return {
    async canConfigure(client, teamId, userId) {
      const key = `${teamId}:${userId}`;
      const now = deps.clock().getTime();
      const hit = cache.get(key);
      if (hit && hit.expiresAt > now) return hit.admin;
      try {
        const { user } = await client.users.info({ user: userId });
        const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
        if (cache.size > 10_000) cache.clear();
        cache.set(key, { admin, expiresAt: now + ttlMs });
        return admin;
      } catch (err) {
        deps.logger.warn({ err, teamId, userId }, 'users.info failed; treating the user as not an admin');
        return false;
      }
    },
  };
}
