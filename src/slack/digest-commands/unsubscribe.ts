import { removeSubscription } from '../../store/subscriptions.js';
import { buildCommandProblemMessage, buildUnsubscribedMessage } from '../blocks/subscription-messages.js';
import { parseOptionalChannel } from '../channel-ref.js';
import type { SubcommandHandler } from '../subcommands.js';
import { type DigestCommandDeps, UNSUBSCRIBE_USAGE } from './deps.js';

/** `/quota unsubscribe [#channel]`: stop a channel's digest. */
export function unsubscribeCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: 'unsubscribe a channel from the weekly quota digest',
    async handle(request) {
      const parsed = parseOptionalChannel(request.args);
      if (!parsed.ok) return buildCommandProblemMessage({ problem: parsed.problem, usage: UNSUBSCRIBE_USAGE });
      // No membership check: a channel the bot was removed from must still be unsubscribable.
      let channelId = request.channelId;
      if (parsed.channel?.kind === 'id') channelId = parsed.channel.id;
      else if (parsed.channel?.kind === 'name') {
        const found = await deps.channels.resolve(request.client, request.teamId, parsed.channel, request.channelId);
        if (!found.ok) return buildCommandProblemMessage({ problem: found.problem, usage: UNSUBSCRIBE_USAGE });
        channelId = found.channelId;
      }
      const existed = await removeSubscription(deps.db, request.teamId, channelId);
      return buildUnsubscribedMessage({ channelId, existed });
    },
  };
}
