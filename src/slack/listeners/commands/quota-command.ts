import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  buildCheckingMessage,
  buildInternalErrorMessage,
  buildNotAllowedMessage,
  buildWorkingMessage,
  type SlackMessage,
} from '../../blocks/index.js';
import { parseQuotaCommand } from '../../command-parser.js';
import { withinBudget } from '../../in-flight.js';
import { answerQuotaCommand } from '../../quota-answers.js';
import { postToResponseUrl } from '../../response-url.js';
import type { SubcommandHandler } from '../../subcommands.js';
import type { SlackDeps } from '../deps.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/quota [NAME|help|SUBCOMMAND …]`. The answer goes inline in the ack when it is ready within the ack budget
 * (a warm cache always is); otherwise the ack says "checking" and the answer replaces it through response_url.
 */
export function quotaCommandListener(deps: SlackDeps) {
  return async ({ command, ack, client }: CommandArgs): Promise<void> => {
    const parsed = parseQuotaCommand(command.text ?? '');
    const handler = parsed.kind === 'subcommand' ? deps.subcommands.get(parsed.name) : undefined;
    const answer: Promise<SlackMessage | null> =
      parsed.kind === 'subcommand' && handler
        ? runSubcommand(deps, handler, { command, client }, parsed.args)
        : answerQuotaCommand(deps, command.team_id, parsed);
    deps.inFlight.track(answer);

    const early = await withinBudget(answer, deps.ackBudgetMs);
    if (early !== undefined) {
      await ack(early === null ? undefined : ephemeral(early));
      return;
    }
    await ack(ephemeral(handler ? buildWorkingMessage() : buildCheckingMessage()));
    const late = await answer;
    const reply = late === null ? { delete_original: true } : { ...ephemeral(late), replace_original: true };
    // A transient Slack failure (429, 5xx, network) is retried within ~10 s, honouring Retry-After.
    await deps.inFlight.track(
      postToResponseUrl(command.response_url, reply).catch((err: unknown) => {
        deps.logger.error({ err, teamId: command.team_id }, 'could not deliver the /quota answer via response_url');
      }),
    );
  };
}

/** Admin check (when the subcommand needs one), then the handler; never rejects. */
async function runSubcommand(
  deps: SlackDeps,
  handler: SubcommandHandler,
  { command, client }: Pick<CommandArgs, 'command' | 'client'>,
  args: string,
): Promise<SlackMessage | null> {
  try {
    if (handler.adminOnly && !(await deps.permissions.canConfigure(client, command.team_id, command.user_id))) {
      return buildNotAllowedMessage({ purpose: handler.purpose });
    }
    return await handler.handle({
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      args,
      triggerId: command.trigger_id,
      client,
    });
  } catch (err) {
    deps.logger.error({ err, teamId: command.team_id }, 'a /quota subcommand failed');
    return buildInternalErrorMessage();
  }
}

function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, text: message.text, blocks: message.blocks };
}
