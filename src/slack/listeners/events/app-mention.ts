import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { requestScope } from '../../../logging/request-context.js';
import { commandKind, requestOutcome } from '../../../observability/command-outcome.js';
import { claimEvent, completeEvent } from '../../../store/slack-events.js';
import { parseMention } from '../../command-parser.js';
import { answerQuotaCommand } from '../../quota-answers.js';
import type { SlackDeps } from '../deps.js';

/** A claim older than this without completion is taken over by a retry: the first handler probably died. */
const STALE_CLAIM_MS = 60_000;

/**
 * `@bot quota [NAME]` / `@bot help`, answered in the mention's thread. Slack retries deliveries it thinks were
 * lost; the event_id claim in the database makes each mention answered once, across restarts and replicas.
 */
export function appMentionListener(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs) => {
    const teamId = body.team_id;
    const eventId = body.event_id;
    const scope = requestScope(deps.logger, context);
    const claimed = await claimEvent(deps.db, { eventId, teamId, now: deps.clock(), staleAfterMs: STALE_CLAIM_MS });
    if (!claimed) {
      scope.logger.info({ eventId, teamId, retryNum: context.retryNum }, 'duplicate app_mention delivery ignored');
      return;
    }
    const work = (async () => {
      const command = parseMention(event.text ?? '', context.botUserId ?? '');
      // The thread answers the person who asked, in their language; looked up while the quota is read.
      const locale = event.user ? deps.locales.forUser(client, teamId, event.user) : deps.locales.forWorkspace(teamId);
      const message = await answerQuotaCommand(deps, teamId, command, locale, scope);
      deps.metrics.commandHandled('mention', commandKind(command), requestOutcome(scope));
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.thread_ts ?? event.ts,
        text: message.text,
        blocks: message.blocks,
      });
      await completeEvent(deps.db, eventId, deps.clock());
    })();
    await deps.inFlight.track(work).catch((err: unknown) => {
      // Left uncompleted on purpose: a later Slack retry may take the claim over once it is stale.
      scope.logger.error({ err, eventId, teamId }, 'could not answer app_mention');
    });
  };
}
