import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

type Words = Catalogue['digest'];

/** Slack errors that mean a channel cannot receive the bot's posts until a person acts, with why in words. */
export const CHANNEL_ERRORS: Readonly<Record<string, (t: Words) => string>> = Object.freeze({
  not_in_channel: (t: Words) => t.pausedNotMember,
  channel_not_found: (t: Words) => t.pausedNotFound,
  is_archived: (t: Words) => t.pausedArchived,
});

/** The DM to whoever set it up when a channel's digest or alert is paused because Slack refused the post. */
export function buildPausedMessage(input: {
  what: 'digest' | 'alert';
  channelId: string;
  error: string;
  /** The reader's language (the DM goes to whoever set it up). */
  locale?: Locale;
}): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).digest;
  const channel = `<#${input.channelId}>`;
  const error = escapeMrkdwn(input.error, 60);
  const known = Object.hasOwn(CHANNEL_ERRORS, input.error) ? CHANNEL_ERRORS[input.error] : undefined;
  const why = known ? known(t) : t.pausedRefused({ error });
  const what = input.what === 'digest' ? t.pausedWhatDigest : t.pausedWhatAlert;
  const resume = input.what === 'digest' ? `/quota subscribe ${channel}` : `/quota alert N ${channel}`;
  const fix = input.error === 'is_archived' ? t.pausedFixArchived({ resume }) : t.pausedFixInvite({ resume });
  return {
    text: t.pausedText({ what, channel, why, error, fix: fix.replaceAll('`', '') }),
    blocks: [
      mrkdwnSection(t.paused({ what, channel, why })),
      mrkdwnSection(fix),
      mrkdwnContext([t.pausedContext({ error })]),
    ],
  };
}
