import type { LocaleResolver } from '../../i18n/locale.js';
import type { InFlightWork } from '../in-flight.js';
import type { Permissions } from '../permissions.js';
import type { QuotaAnswerDeps } from '../quota-answers.js';
import type { SubcommandRegistry } from '../subcommands.js';
import type { ProviderSetup } from '../token-commands/provider-setup.js';

/** What every Slack listener may use; passed in, never imported as a singleton. */
export interface SlackDeps extends QuotaAnswerDeps {
  inFlight: InFlightWork;
  /** How long a slash command waits for its answer before acking with "checking…" instead. */
  ackBudgetMs: number;
  permissions: Permissions;
  /** `/quota` subcommands this build has; any other reserved word is answered as not available. */
  subcommands: SubcommandRegistry;
  /** Adding and editing providers through the `/quota setup` modal. */
  setup: ProviderSetup;
  /** Which language each answer is in (the user's Slack locale, else the workspace setting). */
  locales: LocaleResolver;
}
