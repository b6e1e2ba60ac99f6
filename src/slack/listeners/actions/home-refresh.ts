import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home/publish-home.js';
import type { SlackDeps } from '../deps.js';
import { whoClicked } from './action-context.js';

/** Refresh on the App Home: re-reads every shown provider bypassing the cache, then publishes the Home again. */
export function homeRefreshListener(deps: SlackDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const { teamId, userId } = whoClicked(body);
    if (teamId === '') return;
    await deps.inFlight.track(publishHome(deps, client, teamId, userId, { fresh: true }));
  };
}
