import { messagesFor } from '../../i18n/catalogue.js';
import { buildCommandProblemMessage, buildSubscribedMessage } from '../blocks/subscription-messages.js';
import type { SubcommandHandler } from '../subcommands.js';
import { parseSubscribeArgs } from '../subscribe-args.js';
import type { DigestCommandDeps } from './deps.js';
import { subscribeChannel } from './subscribe-channel.js';

/** `/quota subscribe [#channel] [WEEKDAY HH:MM] [TZ]`: subscribe (or reschedule, or resume) a channel's digest. */
export function subscribeCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: (locale) => messagesFor(locale).subscriptions.purposeSubscribe,
    async handle(request) {
      const { locale } = request;
      const usage = messagesFor(locale).subscriptions.subscribeUsage;
      const parsed = parseSubscribeArgs(request.args, deps.defaultTimeZone, locale);
      if (!parsed.ok) return buildCommandProblemMessage({ problem: parsed.problem, usage, locale });
      const saved = await subscribeChannel(deps, {
        teamId: request.teamId,
        userId: request.userId,
        client: request.client,
        channel: parsed.channel,
        currentChannelId: request.channelId,
        schedule: parsed.schedule,
        locale,
      });
      if (!saved.ok) return buildCommandProblemMessage({ problem: saved.problem, usage, locale });
      const { subscription, replaced } = saved;
      return buildSubscribedMessage({
        channelId: subscription.channelId,
        schedule: subscription.schedule,
        nextDueAt: subscription.nextDueAt,
        replaced,
        locale,
      });
    },
  };
}
