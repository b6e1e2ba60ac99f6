import { saveSubscription } from '../../store/subscriptions.js';
import { buildCommandProblemMessage, buildSubscribedMessage } from '../blocks/subscription-messages.js';
import type { SubcommandHandler } from '../subcommands.js';
import { parseSubscribeArgs } from '../subscribe-args.js';
import { type DigestCommandDeps, SUBSCRIBE_USAGE } from './deps.js';

/** `/quota subscribe [#channel] [WEEKDAY HH:MM] [TZ]`: subscribe (or reschedule, or resume) a channel's digest. */
export function subscribeCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: 'subscribe a channel to the weekly quota digest',
    async handle(request) {
      const parsed = parseSubscribeArgs(request.args, deps.defaultTimeZone);
      if (!parsed.ok) return buildCommandProblemMessage({ problem: parsed.problem, usage: SUBSCRIBE_USAGE });
      const channel = await deps.channels.resolve(request.client, request.teamId, parsed.channel, request.channelId);
      if (!channel.ok) return buildCommandProblemMessage({ problem: channel.problem, usage: SUBSCRIBE_USAGE });
      const { subscription, replaced } = await saveSubscription(deps.db, {
        teamId: request.teamId,
        channelId: channel.channelId,
        schedule: parsed.schedule,
        subscribedBy: request.userId,
        now: deps.clock(),
      });
      deps.logger.info(
        { teamId: request.teamId, channelId: channel.channelId, replaced },
        'channel subscribed to the digest',
      );
      return buildSubscribedMessage({
        channelId: subscription.channelId,
        schedule: subscription.schedule,
        nextDueAt: subscription.nextDueAt,
        replaced,
      });
    },
  };
}
