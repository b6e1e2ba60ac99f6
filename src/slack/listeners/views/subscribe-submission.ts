import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { messagesFor } from '../../../i18n/catalogue.js';
import { createChannelResolver } from '../../channel-resolver.js';
import type { DigestCommandDeps } from '../../digest-commands/deps.js';
import { subscribeChannel } from '../../digest-commands/subscribe-channel.js';
import { publishHome } from '../../home/publish-home.js';
import { decideSubscription, readSubscribeValues } from '../../home/subscribe-form.js';
import { SUBSCRIBE_MODAL } from '../../ids.js';
import type { SlackDeps } from '../deps.js';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The App Home's subscription modal. Admin rights are checked again (a submission can be forged or come from someone
 * demoted since); the picks are validated; the channel is checked and the schedule saved by the same code as
 * `/quota subscribe`. Problems are shown under the fields; on success the modal closes and the Home is republished.
 */
export function subscribeSubmissionListener(deps: SlackDeps) {
  const digestDeps: DigestCommandDeps = {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    defaultTimeZone: deps.timeZone,
    channels: createChannelResolver({ clock: deps.clock, logger: deps.logger }),
  };
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    const [allowed, locale] = await Promise.all([
      deps.permissions.canConfigure(client, teamId, userId),
      deps.locales.forUser(client, teamId, userId),
    ]);
    const words = messagesFor(locale).home;
    if (!allowed) {
      await ack({ response_action: 'errors', errors: { [SUBSCRIBE_MODAL.blocks.channel]: words.notAllowed } });
      return;
    }
    const decision = decideSubscription(readSubscribeValues(view.state), locale);
    if (!decision.ok) {
      await ack({ response_action: 'errors', errors: decision.errors });
      return;
    }
    let problem: string | null;
    try {
      const saved = await subscribeChannel(digestDeps, {
        teamId,
        userId,
        client,
        channel: { kind: 'id', id: decision.channelId },
        currentChannelId: decision.channelId,
        schedule: decision.schedule,
        locale,
      });
      problem = saved.ok ? null : saved.problem;
    } catch (err) {
      deps.logger.error({ err, teamId }, 'could not save a subscription from the App Home');
      problem = words.saveFailed;
    }
    if (problem !== null) {
      await ack({ response_action: 'errors', errors: { [SUBSCRIBE_MODAL.blocks.channel]: problem } });
      return;
    }
    await ack();
    await deps.inFlight.track(publishHome(deps, client, teamId, userId));
  };
}
