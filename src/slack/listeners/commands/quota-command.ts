import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildCheckingMessage, type SlackMessage } from '../../blocks/index.js';
import { parseQuotaCommand } from '../../command-parser.js';
import { withinBudget } from '../../in-flight.js';
import { answerQuotaCommand } from '../../quota-answers.js';
import type { SlackDeps } from '../deps.js';

/**
 * `/quota [NAME|help]`. The answer goes inline in the ack when it is ready within the ack budget (a warm cache
 * always is); otherwise the ack says "checking" and the answer replaces it through response_url when WeChat replies.
 */
export function quotaCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseQuotaCommand(command.text ?? '');
    const answer = deps.inFlight.track(answerQuotaCommand(deps, command.team_id, parsed));
    const early = await withinBudget(answer, deps.ackBudgetMs);
    if (early) {
      await ack(ephemeral(early));
      return;
    }
    await ack(ephemeral(buildCheckingMessage()));
    const late = await answer;
    await deps.inFlight.track(
      respond({ ...ephemeral(late), replace_original: true }).catch((err: unknown) => {
        deps.logger.error({ err, teamId: command.team_id }, 'could not deliver the /quota answer via response_url');
      }),
    );
  };
}

function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, text: message.text, blocks: message.blocks };
}
