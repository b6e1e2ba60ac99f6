import type { Kysely } from 'kysely';
import { messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import type { Logger } from '../logging/logger.js';
import type { RequestScope } from '../logging/request-context.js';
import { noteOutcome } from '../observability/command-outcome.js';
import { explainFailure } from '../quota/explain-failure.js';
import type { QuotaOutcome, QuotaService } from '../quota/quota-service.js';
import { providerNameKey } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { withAnswerButtons } from './blocks/answer-buttons.js';
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
import type { RenderedAnswers } from './rendered-answers.js';

export interface QuotaAnswerDeps {
  db: Kysely<DatabaseSchema>;
  quota: QuotaService;
  clock: () => Date;
  timeZone: string;
  logger: Logger;
  /** Reuses rendered answers of cached readings within a minute; absent: every answer is built afresh. */
  renderedAnswers?: RenderedAnswers;
}

/**
 * The answer to a parsed `/quota` or `@bot` command for one workspace. Never rejects: whatever goes wrong
 * becomes a message that says what happened and what to do, because a silent bot is the worst answer.
 */
export async function answerQuotaCommand(
  deps: QuotaAnswerDeps,
  teamId: string,
  command: QuotaCommand,
  /** The asker's language; a promise so the listener can look it up while the quota is being read. */
  localeOf: Locale | Promise<Locale> = DEFAULT_LOCALE,
  /** The Slack request being answered: its logger carries the request id, and the outcome is noted on it. */
  scope?: RequestScope,
): Promise<SlackMessage> {
  // Awaited only once the data is in: users.info (when not cached) runs alongside the database and WeChat.
  const language = Promise.resolve(localeOf).catch(() => DEFAULT_LOCALE);
  try {
    switch (command.kind) {
      case 'help':
        return buildHelpMessage({ locale: await language });
      case 'invalid': {
        const locale = await language;
        const t = messagesFor(locale).help;
        const { problem } = command;
        const reason = problem.kind === 'control' ? t.nameControl : t.nameTooLong(problem);
        return buildHelpMessage({ reason, locale });
      }
      case 'subcommand':
        // Reached for subcommands this build does not have, and from mentions (configuration is a slash command).
        return buildNotAvailableMessage({ feature: command.name, locale: await language });
      case 'all': {
        const providers = await deps.quota.providers(teamId);
        if (providers.length === 0) return buildNoProvidersMessage({ teamId, locale: await language });
        const outcomes = await deps.quota.readAll(providers);
        const locale = await language;
        return rendered(deps, { outcomes, locale, scope: 'all' }, () =>
          withAnswerButtons(quotaMessage(deps, outcomes, locale, scope), { kind: 'all' }, locale),
        );
      }
      case 'one': {
        // The workspace's cached list (as `/quota` uses), not a query per request; names match case-insensitively.
        const known = await deps.quota.providers(teamId);
        const wanted = providerNameKey(command.name);
        const provider = known.find((p) => providerNameKey(p.name) === wanted);
        if (provider) {
          const outcomes = await deps.quota.readAll([provider]);
          const locale = await language;
          return rendered(deps, { outcomes, locale, scope: 'one' }, () =>
            withAnswerButtons(
              quotaMessage(deps, outcomes, locale, scope),
              { kind: 'one', name: provider.name },
              locale,
            ),
          );
        }
        const locale = await language;
        if (known.length === 0) return buildNoProvidersMessage({ teamId, locale });
        return buildUnknownProviderMessage({ requested: command.name, known: known.map((p) => p.name), locale });
      }
    }
  } catch (err) {
    (scope?.logger ?? deps.logger).error({ err, teamId }, 'could not answer quota command');
    noteOutcome(scope, 'error');
    return buildInternalErrorMessage(await language);
  }
}

/** The rendered answer from the per-minute cache when the app has one (see rendered-answers.ts). */
function rendered(
  deps: QuotaAnswerDeps,
  key: { outcomes: QuotaOutcome[]; locale: Locale; scope: string },
  build: () => SlackMessage,
): SlackMessage {
  if (!deps.renderedAnswers) return build();
  return deps.renderedAnswers.get({ ...key, now: deps.clock(), timeZone: deps.timeZone }, build);
}

function quotaMessage(
  deps: QuotaAnswerDeps,
  outcomes: QuotaOutcome[],
  locale: Locale,
  scope: RequestScope | undefined,
): SlackMessage {
  const shown: ProviderOutcome[] = outcomes.map((outcome) => {
    if (outcome.ok) return { name: outcome.provider.name, ok: true, reading: outcome.reading };
    const failure = explainFailure(outcome.error, {
      teamId: outcome.provider.teamId,
      providerName: outcome.provider.name,
      tokenSource: outcome.provider.tokenSource,
      locale,
    });
    (scope?.logger ?? deps.logger).warn(
      { err: outcome.error, providerId: outcome.provider.id, teamId: outcome.provider.teamId, failure: failure.code },
      'quota check failed',
    );
    noteOutcome(scope, 'failed');
    return { name: outcome.provider.name, ok: false, failure };
  });
  return buildQuotaMessage({ outcomes: shown, now: deps.clock(), timeZone: deps.timeZone, locale });
}
