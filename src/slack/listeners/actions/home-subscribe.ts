import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildSubscribeModal } from '../../blocks/subscribe-modal.js';
import type { SlackDeps } from '../deps.js';
import { openAdminModal } from './open-admin-modal.js';

/** "Subscribe a channel" on the App Home: the subscription modal (channel, weekday, time, time zone). */
export function homeSubscribeListener(deps: SlackDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    await deps.inFlight.track(
      openAdminModal(deps, client, body, async ({ locale }) =>
        buildSubscribeModal({ locale, defaultTimeZone: deps.timeZone }),
      ),
    );
  };
}
