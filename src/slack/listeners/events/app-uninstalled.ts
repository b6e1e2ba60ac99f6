import type { AllMiddlewareArgs, Context, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { InstallationOwner } from '../../../store/installations.js';
import type { SlackDeps } from '../deps.js';

/**
 * The app was removed from a workspace (or an organization): its installation and every row stored for it go, in one
 * transaction. Bolt skips authorization for this event (the token is already dead). Idempotent, so Slack's retries
 * and the tokens_revoked that follows are harmless.
 */
export function appUninstalledListener(deps: Pick<SlackDeps, 'workspaces' | 'inFlight' | 'logger'>) {
  return async ({ body, context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs) => {
    const owner = uninstalledOwner(context, body);
    deps.logger.info({ ...owner, eventId: body.event_id }, 'app_uninstalled: forgetting the workspace');
    await deps.inFlight.track(deps.workspaces.forget(owner));
  };
}

/** Whose install an uninstall-type event is about: Bolt's context (from `authorizations`), else the envelope. */
export function uninstalledOwner(
  context: Context,
  body: { team_id?: string; enterprise_id?: string },
): InstallationOwner {
  return {
    teamId: context.teamId ?? body.team_id ?? null,
    enterpriseId: context.enterpriseId ?? body.enterprise_id ?? null,
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}
