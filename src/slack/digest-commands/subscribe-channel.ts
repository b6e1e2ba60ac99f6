import type { webApi } from '@slack/bolt';
import type { Subscription, WeeklySchedule } from '../../digest/types.js';
import type { Locale } from '../../i18n/locale.js';
import { saveSubscription } from '../../store/subscriptions.js';
import type { ChannelRef } from '../channel-ref.js';
import type { DigestCommandDeps } from './deps.js';

/** A subscription saved (and whether it replaced one), or why the channel cannot get digests, in words. */
export type SubscribeOutcome =
  | { readonly ok: true; readonly subscription: Subscription; readonly replaced: boolean }
  | { readonly ok: false; readonly problem: string };

/**
 * Subscribes a channel to the weekly digest: the bot must be able to post there, then the schedule is saved.
 * Shared by `/quota subscribe` and the App Home's subscription modal, so both check and save the same way.
 */
export async function subscribeChannel(
  deps: DigestCommandDeps,
  input: {
    teamId: string;
    userId: string;
    client: webApi.WebClient;
    /** null: the channel the command was typed in (`currentChannelId`). */
    channel: ChannelRef | null;
    currentChannelId: string;
    schedule: WeeklySchedule;
    /** The language of the problem, when the channel cannot get digests. */
    locale?: Locale;
  },
): Promise<SubscribeOutcome> {
  const channel = await deps.channels.resolve(
    input.client,
    input.teamId,
    input.channel,
    input.currentChannelId,
    input.locale,
  );
  if (!channel.ok) return { ok: false, problem: channel.problem };
  const { subscription, replaced } = await saveSubscription(deps.db, {
    teamId: input.teamId,
    channelId: channel.channelId,
    schedule: input.schedule,
    subscribedBy: input.userId,
    now: deps.clock(),
  });
  deps.logger.info(
    { teamId: input.teamId, channelId: channel.channelId, replaced },
    'channel subscribed to the digest',
  );
  return { ok: true, subscription, replaced };
}
