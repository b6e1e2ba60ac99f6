import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { uninstalledOwner } from './app-uninstalled.js';

/**
 * Tokens were revoked. A revoked bot token leaves the bot unable to act in that workspace, so it is treated like an
 * uninstall: installation and data are forgotten. User tokens alone change nothing: the bot asks for and keeps none.
 */
export function tokensRevokedListener(deps: Pick<SlackDeps, 'workspaces' | 'inFlight' | 'logger'>) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
    const owner = uninstalledOwner(context, body);
    const botUsers = event.tokens.bot ?? [];
    if (botUsers.length === 0) {
      deps.logger.info({ ...owner, eventId: body.event_id }, 'tokens_revoked for user tokens only: nothing to do');
      return;
    }
    deps.logger.info({ ...owner, eventId: body.event_id }, 'tokens_revoked for the bot: forgetting the workspace');
    await deps.inFlight.track(deps.workspaces.forget(owner));
  };
}
