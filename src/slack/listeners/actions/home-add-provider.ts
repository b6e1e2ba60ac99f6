import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { openAdminModal } from './open-admin-modal.js';

/** "Add provider" on the App Home: the `/quota setup` modal, empty. */
export function homeAddProviderListener(deps: SlackDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    await deps.inFlight.track(
      openAdminModal(deps, client, body, ({ teamId, locale }) => deps.setup.modalFor(teamId, null, locale)),
    );
  };
}
