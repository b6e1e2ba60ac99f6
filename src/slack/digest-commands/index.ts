import type { SubcommandHandler } from '../subcommands.js';
import { alertCommand } from './alert.js';
import type { DigestCommandDeps } from './deps.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { unsubscribeCommand } from './unsubscribe.js';

export type { DigestCommandDeps } from './deps.js';

/** The digest and alert subcommands, keyed by their command word, for the /quota subcommand registry. */
export function digestSubcommands(deps: DigestCommandDeps): Array<[string, SubcommandHandler]> {
  return [
    ['subscribe', subscribeCommand(deps)],
    ['unsubscribe', unsubscribeCommand(deps)],
    ['subscriptions', subscriptionsCommand(deps)],
    ['alert', alertCommand(deps)],
  ];
}
