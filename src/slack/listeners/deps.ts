import type { InFlightWork } from '../in-flight.js';
import type { QuotaAnswerDeps } from '../quota-answers.js';

/** What every Slack listener may use; passed in, never imported as a singleton. */
export interface SlackDeps extends QuotaAnswerDeps {
  inFlight: InFlightWork;
  /** How long a slash command waits for its answer before acking with "checking…" instead. */
  ackBudgetMs: number;
}
