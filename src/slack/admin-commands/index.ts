import type { SubcommandHandler } from '../subcommands.js';
import { adminsCommand } from './admins.js';
import type { AdminCommandDeps } from './deps.js';
import { languageCommand } from './language.js';

export type { AdminCommandDeps } from './deps.js';

/** `/quota admins` and `/quota language`, keyed by their command word, for the /quota subcommand registry. */
export function adminSubcommands(deps: AdminCommandDeps): Array<[string, SubcommandHandler]> {
  return [
    ['admins', adminsCommand(deps)],
    ['language', languageCommand(deps)],
  ];
}
