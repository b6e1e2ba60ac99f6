import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { validateProviderName } from '../../../quota/provider-name.js';
import type { SlackDeps } from '../deps.js';
import { buttonValue } from './action-context.js';
import { openAdminModal } from './open-admin-modal.js';

/**
 * "Edit" beside a provider on the App Home: the `/quota setup` modal for it. The value is only a name, looked up in
 * the clicker's own workspace: a forged name of another workspace's provider opens an empty "add" modal.
 */
export function homeEditProviderListener(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const named = validateProviderName(buttonValue(action));
    await deps.inFlight.track(
      openAdminModal(deps, client, body, ({ teamId, locale }) =>
        deps.setup.modalFor(teamId, named.ok ? named.name : null, locale),
      ),
    );
  };
}
