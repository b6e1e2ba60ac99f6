import type { Kysely } from 'kysely';
import { LOCALES, type Locale } from '../i18n/locale.js';
import type { DatabaseSchema } from './schema.js';

type Db = Kysely<DatabaseSchema>;

/** A workspace's settings; every field null when never set. */
export interface WorkspaceSettings {
  readonly language: Locale | null;
  readonly updatedBy: string | null;
  readonly updatedAt: Date | null;
}

const DEFAULTS: WorkspaceSettings = Object.freeze({ language: null, updatedBy: null, updatedAt: null });

/** The workspace's settings (defaults when it has none). */
export async function getWorkspaceSettings(db: Db, teamId: string): Promise<WorkspaceSettings> {
  const row = await db.selectFrom('workspace_settings').selectAll().where('team_id', '=', teamId).executeTakeFirst();
  if (row === undefined) return DEFAULTS;
  return {
    // A value this build does not speak (written by a newer one, say) reads as "not chosen".
    language: (LOCALES as readonly string[]).includes(row.language ?? '') ? (row.language as Locale) : null,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at),
  };
}

/** Sets the workspace's language (null: back to the default). */
export async function setWorkspaceLanguage(
  db: Db,
  input: { teamId: string; language: Locale | null; updatedBy: string | null; now: Date },
): Promise<void> {
  const changes = { language: input.language, updated_by: input.updatedBy, updated_at: input.now.toISOString() };
  await db
    .insertInto('workspace_settings')
    .values({ team_id: input.teamId, ...changes })
    .onConflict((oc) => oc.column('team_id').doUpdateSet(changes))
    .execute();
}
