import type { RequestScope } from '../logging/request-context.js';
import type { QuotaCommand } from '../slack/command-parser.js';
import type { CommandOutcome } from './metrics.js';

/** Where an answer notes how it went: the request's scope (absent outside a request: digests, the CLI). */
export type OutcomeNote = Pick<RequestScope, 'outcome'> | undefined;

/**
 * Notes, for the request being handled, that its answer did not go well. Answers are built deep below the listener
 * that counts them and are rebuilt on the way up (buttons, language), so the outcome travels with the request, not
 * with the message. The worst outcome noted wins.
 */
export function noteOutcome(scope: OutcomeNote, outcome: Exclude<CommandOutcome, 'ok'>): void {
  if (scope && rank(outcome) > rank(scope.outcome)) scope.outcome = outcome;
}

/** The outcome noted for the request: 'ok' unless something noted otherwise. */
export function requestOutcome(scope: OutcomeNote): CommandOutcome {
  const noted = scope?.outcome;
  return noted === 'failed' || noted === 'refused' || noted === 'error' ? noted : 'ok';
}

function rank(outcome: string | undefined): number {
  return outcome === 'error' ? 3 : outcome === 'refused' ? 2 : outcome === 'failed' ? 1 : 0;
}

/** A command's metric kind: the parsed kind or the reserved subcommand word, a small fixed set (never a name). */
export function commandKind(command: QuotaCommand): string {
  return command.kind === 'subcommand' ? command.name : command.kind;
}
