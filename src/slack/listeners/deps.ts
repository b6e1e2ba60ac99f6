import type { LocaleResolver } from '../../i18n/locale.js';
import type { Metrics } from '../../observability/metrics.js';
import type { InFlightWork } from '../in-flight.js';
import type { WorkspaceAuth } from '../installations/workspace-auth.js';
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
  /** Uninstalls: forgets a workspace's installation and data (app_uninstalled, tokens_revoked). */
  workspaces: Pick<WorkspaceAuth, 'forget'>;
  /** Commands answered, by kind and outcome (GET /metrics). */
  metrics: Pick<Metrics, 'commandHandled'>;
}
