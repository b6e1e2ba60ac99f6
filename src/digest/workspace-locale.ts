import type { Kysely } from 'kysely';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import type { Logger } from '../logging/logger.js';
import type { DatabaseSchema } from '../store/schema.js';
import { getWorkspaceSettings } from '../store/workspace-settings.js';

/**
 * The language of a workspace's channel posts (digests, alerts, the paused notice): its `/quota language`, else
 * English. Read once per workspace per run, straight from the store, so `digest run` on the CLI posts in the same
 * language as the bot. Never rejects: a failed read posts in English rather than not at all.
 */
export function workspaceLocaleReader(db: Kysely<DatabaseSchema>, logger: Logger): (teamId: string) => Promise<Locale> {
  const known = new Map<string, Promise<Locale>>();
  return (teamId) => {
    let locale = known.get(teamId);
    if (locale === undefined) {
      locale = getWorkspaceSettings(db, teamId).then(
        (settings) => settings.language ?? DEFAULT_LOCALE,
        (err: unknown) => {
          logger.warn({ err, teamId }, 'could not read the workspace language; posting in English');
          return DEFAULT_LOCALE;
        },
      );
      known.set(teamId, locale);
    }
    return locale;
  };
}
