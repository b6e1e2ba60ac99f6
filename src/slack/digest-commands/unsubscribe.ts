import { messagesFor } from '../../i18n/catalogue.js';
import { removeSubscription } from '../../store/subscriptions.js';
import { buildCommandProblemMessage, buildUnsubscribedMessage } from '../blocks/subscription-messages.js';
import { parseOptionalChannel } from '../channel-ref.js';
import type { SubcommandHandler } from '../subcommands.js';
import type { DigestCommandDeps } from './deps.js';

/** `/quota unsubscribe [#channel]`: stop a channel's digest. */
export function unsubscribeCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: (locale) => messagesFor(locale).subscriptions.purposeUnsubscribe,
    async handle(request) {
      const { locale } = request;
      const usage = messagesFor(locale).subscriptions.unsubscribeUsage;
      const parsed = parseOptionalChannel(request.args, locale);
      if (!parsed.ok) return buildCommandProblemMessage({ problem: parsed.problem, usage, locale });
      // No membership check: a channel the bot was removed from must still be unsubscribable.
      let channelId = request.channelId;
      if (parsed.channel?.kind === 'id') channelId = parsed.channel.id;
      else if (parsed.channel?.kind === 'name') {
        const found = await deps.channels.resolve(
          request.client,
          request.teamId,
          parsed.channel,
          request.channelId,
          locale,
        );
        if (!found.ok) return buildCommandProblemMessage({ problem: found.problem, usage, locale });
        channelId = found.channelId;
      }
      const existed = await removeSubscription(deps.db, request.teamId, channelId);
      return buildUnsubscribedMessage({ channelId, existed, locale });
    },
  };
}
