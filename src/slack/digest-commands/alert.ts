import { removeAlert, saveAlert } from '../../store/alerts.js';
import { parseAlertArgs } from '../alert-args.js';
import { buildAlertSetMessage, buildCommandProblemMessage } from '../blocks/subscription-messages.js';
import type { SubcommandHandler } from '../subcommands.js';
import { ALERT_USAGE, type DigestCommandDeps } from './deps.js';

/** `/quota alert N|N%|off [#channel]`: warn a channel when audits left fall to a threshold. */
export function alertCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: 'set low-quota alerts',
    async handle(request) {
      const parsed = parseAlertArgs(request.args);
      if (!parsed.ok) return buildCommandProblemMessage({ problem: parsed.problem, usage: ALERT_USAGE });
      if (parsed.action === 'off') {
        // Turning off needs no membership check: the bot may have been removed from the channel already.
        const ref = parsed.channel;
        let channelId = ref?.kind === 'id' ? ref.id : request.channelId;
        if (ref?.kind === 'name') {
          const found = await deps.channels.resolve(request.client, request.teamId, ref, request.channelId);
          if (!found.ok) return buildCommandProblemMessage({ problem: found.problem, usage: ALERT_USAGE });
          channelId = found.channelId;
        }
        const existed = await removeAlert(deps.db, request.teamId, channelId);
        return buildAlertSetMessage({ channelId, threshold: null, existed });
      }
      const channel = await deps.channels.resolve(request.client, request.teamId, parsed.channel, request.channelId);
      if (!channel.ok) return buildCommandProblemMessage({ problem: channel.problem, usage: ALERT_USAGE });
      const { replaced } = await saveAlert(deps.db, {
        teamId: request.teamId,
        channelId: channel.channelId,
        threshold: parsed.threshold,
        setBy: request.userId,
        now: deps.clock(),
      });
      return buildAlertSetMessage({ channelId: channel.channelId, threshold: parsed.threshold, existed: replaced });
    },
  };
}
