import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { DEFAULT_LOCALE, type Locale } from '../../../i18n/locale.js';
import { type RequestScope, requestScope } from '../../../logging/request-context.js';
import { commandKind, noteOutcome, requestOutcome } from '../../../observability/command-outcome.js';
import { databaseBusyMessage } from '../../../quota/database-busy.js';
import {
  buildCheckingMessage,
  buildInternalErrorMessage,
  buildWorkingMessage,
  type SlackMessage,
} from '../../blocks/index.js';
import { parseQuotaCommand } from '../../command-parser.js';
import { withinBudget } from '../../in-flight.js';
import { answerQuotaCommand } from '../../quota-answers.js';
import { refuseConfiguration } from '../../refusal.js';
import { postToResponseUrl } from '../../response-url.js';
import type { SubcommandHandler } from '../../subcommands.js';
import type { SlackDeps } from '../deps.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/quota [NAME|help|SUBCOMMAND …]`. The answer goes inline in the ack when it is ready within the ack budget
 * (a warm cache always is); otherwise the ack says "checking" and the answer replaces it through response_url.
 */
export function quotaCommandListener(deps: SlackDeps) {
  return async ({ command, ack, client, context }: CommandArgs): Promise<void> => {
    const scope = requestScope(deps.logger, context);
    const parsed = parseQuotaCommand(command.text ?? '');
    const handler = parsed.kind === 'subcommand' ? deps.subcommands.get(parsed.name) : undefined;
    // Looked up alongside the answer, not before it (the ack budget is 250 ms); the resolver caches users.info.
    const localeOf = deps.locales.forUser(client, command.team_id, command.user_id).catch(() => DEFAULT_LOCALE);
    let localeNow: Locale = DEFAULT_LOCALE;
    void localeOf.then((locale) => {
      localeNow = locale;
    });
    const answer: Promise<SlackMessage | null> =
      parsed.kind === 'subcommand' && handler
        ? runSubcommand(deps, scope, handler, { command, client }, parsed.args, localeOf)
        : answerQuotaCommand(deps, command.team_id, parsed, localeOf, scope);
    deps.inFlight.track(answer);

    const early = await withinBudget(answer, deps.ackBudgetMs);
    if (early !== undefined) {
      deps.metrics.commandHandled('slash', commandKind(parsed), requestOutcome(scope));
      await ack(early === null ? undefined : ephemeral(early));
      return;
    }
    // The placeholder cannot wait: it is in the user's language when that is known by now, else English.
    await ack(ephemeral(handler ? buildWorkingMessage(localeNow) : buildCheckingMessage(localeNow)));
    const late = await answer;
    deps.metrics.commandHandled('slash', commandKind(parsed), requestOutcome(scope));
    const reply = late === null ? { delete_original: true } : { ...ephemeral(late), replace_original: true };
    // A transient Slack failure (429, 5xx, network) is retried within ~10 s, honouring Retry-After.
    await deps.inFlight.track(
      postToResponseUrl(command.response_url, reply).catch((err: unknown) => {
        scope.logger.error({ err, teamId: command.team_id }, 'could not deliver the /quota answer via response_url');
      }),
    );
  };
}

/** Admin check (when the subcommand needs one), then the handler; never rejects. */
async function runSubcommand(
  deps: SlackDeps,
  scope: RequestScope,
  handler: SubcommandHandler,
  { command, client }: Pick<CommandArgs, 'command' | 'client'>,
  args: string,
  localeOf: Promise<Locale>,
): Promise<SlackMessage | null> {
  try {
    if (handler.adminOnly && !(await deps.permissions.canConfigure(client, command.team_id, command.user_id))) {
      const { team_id: teamId, user_id: userId } = command;
      noteOutcome(scope, 'refused');
      return await refuseConfiguration(deps, { client, teamId, userId, purpose: handler.purpose });
    }
    return await handler.handle({
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      args,
      triggerId: command.trigger_id,
      client,
      locale: await localeOf,
    });
  } catch (err) {
    scope.logger.error({ err, teamId: command.team_id }, 'a /quota subcommand failed');
    noteOutcome(scope, 'error');
    const locale = await localeOf;
    return databaseBusyMessage(err, locale) ?? buildInternalErrorMessage(locale);
  }
}

function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, text: message.text, blocks: message.blocks };
}
