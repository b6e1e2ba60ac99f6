import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.js';
import type { SubcommandHandler } from '../subcommands.js';
import type { ProviderSetup } from './provider-setup.js';
import { setupCommand } from './setup.js';
import { statusCommand } from './status.js';

export { createProviderSetup, type ProviderSetup } from './provider-setup.js';

/** `/quota setup` and `/quota status`, keyed by their command word, for the /quota subcommand registry. */
export function tokenSubcommands(deps: {
  db: Kysely<DatabaseSchema>;
  clock: () => Date;
  timeZone: string;
  setup: ProviderSetup;
}): Array<[string, SubcommandHandler]> {
  return [
    ['setup', setupCommand(deps.setup)],
    ['status', statusCommand(deps)],
  ];
}
