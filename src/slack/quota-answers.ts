import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { explainFailure } from '../quota/explain-failure.js';
import type { QuotaOutcome, QuotaService } from '../quota/quota-service.js';
import { findProvider } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import {
  buildHelpMessage,
  buildInternalErrorMessage,
  buildNoProvidersMessage,
  buildNotAvailableMessage,
  buildQuotaMessage,
  buildUnknownProviderMessage,
  type ProviderOutcome,
  type SlackMessage,
} from './blocks/index.js';
import type { QuotaCommand } from './command-parser.js';

export interface QuotaAnswerDeps {
  db: Kysely<DatabaseSchema>;
  quota: QuotaService;
  clock: () => Date;
  timeZone: string;
  logger: Logger;
}

/**
 * The answer to a parsed `/quota` or `@bot` command for one workspace. Never rejects: whatever goes wrong
 * becomes a message that says what happened and what to do, because a silent bot is the worst answer.
 */
export async function answerQuotaCommand(
  deps: QuotaAnswerDeps,
  teamId: string,
  command: QuotaCommand,
): Promise<SlackMessage> {
  try {
    switch (command.kind) {
      case 'help':
        return buildHelpMessage();
      case 'invalid':
        return buildHelpMessage({ reason: command.reason });
      case 'subcommand':
        // Reached for subcommands this build does not have, and from mentions (configuration is a slash command).
        return buildNotAvailableMessage({ feature: command.name });
      case 'all': {
        const providers = await deps.quota.providers(teamId);
        if (providers.length === 0) return buildNoProvidersMessage({ teamId });
        return quotaMessage(deps, await deps.quota.readAll(providers));
      }
      case 'one': {
        const provider = await findProvider(deps.db, teamId, command.name);
        if (provider) return quotaMessage(deps, await deps.quota.readAll([provider]));
        const known = await deps.quota.providers(teamId);
        if (known.length === 0) return buildNoProvidersMessage({ teamId });
        return buildUnknownProviderMessage({ requested: command.name, known: known.map((p) => p.name) });
      }
    }
  } catch (err) {
    deps.logger.error({ err, teamId }, 'could not answer quota command');
    return buildInternalErrorMessage();
  }
}

function quotaMessage(deps: QuotaAnswerDeps, outcomes: QuotaOutcome[]): SlackMessage {
  const shown: ProviderOutcome[] = outcomes.map((outcome) => {
    if (outcome.ok) return { name: outcome.provider.name, ok: true, reading: outcome.reading };
    const failure = explainFailure(outcome.error, {
      teamId: outcome.provider.teamId,
      providerName: outcome.provider.name,
      tokenSource: outcome.provider.tokenSource,
    });
    deps.logger.warn(
      { err: outcome.error, providerId: outcome.provider.id, teamId: outcome.provider.teamId, failure: failure.code },
      'quota check failed',
    );
    return { name: outcome.provider.name, ok: false, failure };
  });
  return buildQuotaMessage({ outcomes: shown, now: deps.clock(), timeZone: deps.timeZone });
}
