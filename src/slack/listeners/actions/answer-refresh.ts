import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerScope } from '../../answer-again.js';
import { decodeScope } from '../../blocks/answer-buttons.js';
import { postToResponseUrl } from '../../response-url.js';
import type { SlackDeps } from '../deps.js';
import { buttonValue, whoClicked } from './action-context.js';

/**
 * Refresh under a quota answer: acks at once, re-reads bypassing the cache, and updates the message in place —
 * through the response_url for an ephemeral `/quota` answer, with chat.update for a mention's reply in a thread.
 */
export function answerRefreshListener(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const { teamId, userId } = whoClicked(body);
    const scope = decodeScope(buttonValue(action));
    if (scope === null || teamId === '') {
      deps.logger.warn({ teamId }, 'a Refresh click carried no scope we wrote; ignored');
      return;
    }
    const work = (async () => {
      // The clicker's language, looked up while WeChat is asked.
      const locale = deps.locales.forUser(client, teamId, userId);
      const message = await answerScope(deps, teamId, scope, { fresh: true, locale });
      const channel = body.container?.channel_id ?? body.channel?.id;
      const ts = body.container?.message_ts ?? body.message?.ts;
      if (body.container?.is_ephemeral || !channel || !ts) {
        await postToResponseUrl(body.response_url ?? '', {
          response_type: 'ephemeral',
          replace_original: true,
          text: message.text,
          blocks: message.blocks,
        });
      } else {
        await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      }
    })();
    await deps.inFlight.track(work).catch((err: unknown) => {
      deps.logger.error({ err, teamId }, 'could not refresh a quota answer');
    });
  };
}
