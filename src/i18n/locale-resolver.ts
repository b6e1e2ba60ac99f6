import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { PeopleDirectory } from '../slack/people.js';
import type { DatabaseSchema } from '../store/schema.js';
import { getWorkspaceSettings } from '../store/workspace-settings.js';
import { DEFAULT_LOCALE, type Locale, type LocaleResolver, localeFromSlack } from './locale.js';

/** The resolver, plus the hook `/quota language` calls after changing a workspace's setting. */
export interface WorkspaceLocaleResolver extends LocaleResolver {
  /** Drops the cached workspace language (this process); other processes see a change within the TTL. */
  forgetWorkspace(teamId: string): void;
}

const DEFAULT_TTL_MS = 30 * 1000;
const MAX_CACHED_TEAMS = 10_000;

/**
 * Rule: a personal (ephemeral) answer is in the user's Slack locale when we speak it, else the workspace's
 * `/quota language`, else English; a channel post is in the workspace's language. The user's locale comes from the
 * people directory (the same cached users.info as the permission check); the workspace's is cached briefly.
 * Never rejects: any failure falls back to the next rule.
 */
export function createLocaleResolver(deps: {
  db: Kysely<DatabaseSchema>;
  people: PeopleDirectory;
  clock: () => Date;
  logger: Logger;
  ttlMs?: number;
}): WorkspaceLocaleResolver {
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const cache = new Map<string, { locale: Locale; expiresAt: number }>();
  const generations = new Map<string, number>();

  const forWorkspace = async (teamId: string): Promise<Locale> => {
    const hit = cache.get(teamId);
    if (hit && hit.expiresAt > deps.clock().getTime()) return hit.locale;
    const generation = generations.get(teamId) ?? 0;
    try {
      const locale = (await getWorkspaceSettings(deps.db, teamId)).language ?? DEFAULT_LOCALE;
      // A read that raced a change must not put the old value back.
      if ((generations.get(teamId) ?? 0) === generation) {
        if (cache.size >= MAX_CACHED_TEAMS) cache.clear();
        cache.set(teamId, { locale, expiresAt: deps.clock().getTime() + ttlMs });
      }
      return locale;
    } catch (err) {
      deps.logger.warn({ err, teamId }, 'could not read the workspace language; answering in English');
      return DEFAULT_LOCALE;
    }
  };

  return {
    async forUser(client, teamId, userId) {
      // Both at once: the workspace setting is needed whenever the user's locale is one we do not speak.
      const workspace = forWorkspace(teamId);
      const person = await deps.people.lookup(client, teamId, userId);
      return localeFromSlack(person?.locale) ?? (await workspace);
    },
    forWorkspace,
    forgetWorkspace(teamId) {
      cache.delete(teamId);
      generations.set(teamId, (generations.get(teamId) ?? 0) + 1);
    },
  };
}
