import type { webApi } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { DatabaseSchema } from '../store/schema.js';
import { listWorkspaceAdmins } from '../store/workspace-admins.js';
import type { PeopleDirectory } from './people.js';

/** Who may change the bot's configuration in a workspace. */
export interface Permissions {
  /**
   * True for workspace admins and owners (users.info, cached briefly) and for people they added with
   * `/quota admins add`. Fails closed when Slack cannot say. Never rejects.
   */
  canConfigure(client: webApi.WebClient, teamId: string, userId: string): Promise<boolean>;
  /** True only for Slack's own workspace admins and owners: they alone add and remove bot admins. Never rejects. */
  isWorkspaceAdmin(client: webApi.WebClient, teamId: string, userId: string): Promise<boolean>;
  /** User ids of the workspace's bot admins, oldest first (cached briefly; empty when the database cannot say). */
  delegates(teamId: string): Promise<readonly string[]>;
  /** Forgets the cached bot admins of a workspace: call after adding or removing one. */
  forgetDelegates(teamId: string): void;
}

const DEFAULT_DELEGATES_TTL_MS = 30 * 1000;
const MAX_CACHED_TEAMS = 10_000;

/**
 * Permission checks on top of the people directory (Slack's admin flags) and the workspace_admins table. Bot
 * admins are cached per team for a short TTL so a `/quota` costs no query; this process drops its copy on every
 * change, other processes see it within the TTL.
 */
export function createPermissions(deps: {
  db: Kysely<DatabaseSchema>;
  people: PeopleDirectory;
  clock: () => Date;
  logger: Logger;
  delegatesTtlMs?: number;
}): Permissions {
  const ttlMs = deps.delegatesTtlMs ?? DEFAULT_DELEGATES_TTL_MS;
  const cache = new Map<string, { userIds: readonly string[]; expiresAt: number }>();
  // Bumped by forgetDelegates, so a read that started before a change cannot store the old list afterwards.
  const generations = new Map<string, number>();

  const delegates = async (teamId: string): Promise<readonly string[]> => {
    const hit = cache.get(teamId);
    if (hit && hit.expiresAt > deps.clock().getTime()) return hit.userIds;
    const generation = generations.get(teamId) ?? 0;
    try {
      const userIds = Object.freeze((await listWorkspaceAdmins(deps.db, teamId)).map((a) => a.userId));
      if ((generations.get(teamId) ?? 0) === generation) {
        if (cache.size >= MAX_CACHED_TEAMS) cache.clear();
        cache.set(teamId, { userIds, expiresAt: deps.clock().getTime() + ttlMs });
      }
      return userIds;
    } catch (err) {
      deps.logger.warn({ err, teamId }, 'could not read the bot admins; only Slack admins may configure');
      return [];
    }
  };

  const isWorkspaceAdmin = async (client: webApi.WebClient, teamId: string, userId: string) => {
    const person = await deps.people.lookup(client, teamId, userId);
    return person?.isAdmin === true && !person.deleted;
  };

  return {
    async canConfigure(client, teamId, userId) {
      // Both at once: a bot admin is allowed without waiting for Slack, and the users.info call also warms the
      // people cache for this request's language.
      const slackAdmin = isWorkspaceAdmin(client, teamId, userId);
      if ((await delegates(teamId)).includes(userId)) return true;
      return slackAdmin;
    },
    isWorkspaceAdmin,
    delegates,
    forgetDelegates(teamId) {
      cache.delete(teamId);
      generations.set(teamId, (generations.get(teamId) ?? 0) + 1);
    },
  };
}
