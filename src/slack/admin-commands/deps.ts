import type { Kysely } from 'kysely';
import type { WorkspaceLocaleResolver } from '../../i18n/locale-resolver.js';
import type { DatabaseSchema } from '../../store/schema.js';
import type { PeopleDirectory } from '../people.js';
import type { Permissions } from '../permissions.js';

/** What `/quota admins` and `/quota language` use; passed in, never imported as singletons. */
export interface AdminCommandDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: () => Date;
  readonly permissions: Permissions;
  readonly people: PeopleDirectory;
  readonly locales: WorkspaceLocaleResolver;
}
