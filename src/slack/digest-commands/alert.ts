import { messagesFor } from '../../i18n/catalogue.js';
import { removeAlert, saveAlert } from '../../store/alerts.js';
import { parseAlertArgs } from '../alert-args.js';
import { buildAlertSetMessage, buildCommandProblemMessage } from '../blocks/subscription-messages.js';
import type { SubcommandHandler } from '../subcommands.js';
import type { DigestCommandDeps } from './deps.js';

/** `/quota alert N|N%|off [#channel]`: warn a channel when audits left fall to a threshold. */
export function alertCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: (locale) => messagesFor(locale).subscriptions.purposeAlert,
    async handle(request) {
      const { locale } = request;
      const usage = messagesFor(locale).subscriptions.alertUsage;
      const problem = (text: string) => buildCommandProblemMessage({ problem: text, usage, locale });
      const parsed = parseAlertArgs(request.args, locale);
      if (!parsed.ok) return problem(parsed.problem);
      if (parsed.action === 'off') {
        // Turning off needs no membership check: the bot may have been removed from the channel already.
        const ref = parsed.channel;
        let channelId = ref?.kind === 'id' ? ref.id : request.channelId;
        if (ref?.kind === 'name') {
          const found = await deps.channels.resolve(request.client, request.teamId, ref, request.channelId, locale);
          if (!found.ok) return problem(found.problem);
          channelId = found.channelId;
        }
        const existed = await removeAlert(deps.db, request.teamId, channelId);
        return buildAlertSetMessage({ channelId, threshold: null, existed, locale });
      }
      const channel = await deps.channels.resolve(
        request.client,
        request.teamId,
        parsed.channel,
        request.channelId,
        locale,
      );
      if (!channel.ok) return problem(channel.problem);
      const { replaced } = await saveAlert(deps.db, {
        teamId: request.teamId,
        channelId: channel.channelId,
        threshold: parsed.threshold,
        setBy: request.userId,
        now: deps.clock(),
      });
      return buildAlertSetMessage({
        channelId: channel.channelId,
        threshold: parsed.threshold,
        existed: replaced,
        locale,
      });
    },
  };
}
