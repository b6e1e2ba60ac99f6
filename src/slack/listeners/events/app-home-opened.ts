import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home/publish-home.js';
import type { SlackDeps } from '../deps.js';

/**
 * `app_home_opened` on the Home tab: publishes the user's dashboard (the Messages tab fires it too; ignored).
 * Bolt has acked the event already; a retry only publishes the same view again, so no dedupe is needed.
 */
export function appHomeOpenedListener(deps: SlackDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    await deps.inFlight.track(publishHome(deps, client, body.team_id, event.user));
  };
}
