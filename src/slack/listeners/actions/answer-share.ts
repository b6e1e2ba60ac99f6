import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerScope, isQuotaAnswer } from '../../answer-again.js';
import { decodeScope, sharedAnswer } from '../../blocks/answer-buttons.js';
import { postToResponseUrl } from '../../response-url.js';
import type { SlackDeps } from '../deps.js';
import { buttonValue, whoClicked } from './action-context.js';

/**
 * Share to channel under a quota answer: posts the same answer (from the cache, so the same numbers) visibly in the
 * channel, attributed to who shared it and without buttons. An ephemeral answer is shared through its response_url
 * (works even where the bot is not a member); a mention's reply is posted to the channel with chat.postMessage.
 * A scope that finds no provider in the clicker's workspace is answered to the clicker alone, never shared.
 */
export function answerShareListener(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const { teamId, userId } = whoClicked(body);
    const scope = decodeScope(buttonValue(action));
    if (scope === null || teamId === '') {
      deps.logger.warn({ teamId }, 'a Share click carried no scope we wrote; ignored');
      return;
    }
    const work = (async () => {
      // The channel reads the shared copy: in the workspace's language, like digests and alerts.
      const locale = await deps.locales.forWorkspace(teamId);
      const answer = await answerScope(deps, teamId, scope, { locale });
      const channel = body.container?.channel_id ?? body.channel?.id;
      if (!isQuotaAnswer(answer)) {
        const mine = await answerScope(deps, teamId, scope, { locale: deps.locales.forUser(client, teamId, userId) });
        const reply = { response_type: 'ephemeral', replace_original: false, text: mine.text, blocks: mine.blocks };
        await postToResponseUrl(body.response_url ?? '', reply);
        return;
      }
      const shared = sharedAnswer(answer, userId, locale);
      if (body.container?.is_ephemeral || !channel) {
        await postToResponseUrl(body.response_url ?? '', {
          response_type: 'in_channel',
          replace_original: false,
          text: shared.text,
          blocks: shared.blocks,
        });
      } else {
        await client.chat.postMessage({ channel, text: shared.text, blocks: shared.blocks });
      }
    })();
    await deps.inFlight.track(work).catch((err: unknown) => {
      deps.logger.error({ err, teamId }, 'could not share a quota answer');
    });
  };
}
