import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** Slack errors that mean a channel cannot receive the bot's posts until a person acts. */
export const CHANNEL_ERRORS: Readonly<Record<string, string>> = Object.freeze({
  not_in_channel: 'I am not a member of that channel',
  channel_not_found: 'the channel no longer exists, or it is private and I am not in it',
  is_archived: 'the channel is archived',
});

/** The DM to whoever set it up when a channel's digest or alert is paused because Slack refused the post. */
export function buildPausedMessage(input: {
  what: 'digest' | 'alert';
  channelId: string;
  error: string;
}): SlackMessage {
  const channel = `<#${input.channelId}>`;
  const why = CHANNEL_ERRORS[input.error] ?? `Slack refused the post (${escapeMrkdwn(input.error, 60)})`;
  const what = input.what === 'digest' ? 'the weekly quota digest' : 'the low-quota alert';
  const resume = input.what === 'digest' ? `/quota subscribe ${channel}` : `/quota alert N ${channel}`;
  const fix =
    input.error === 'is_archived'
      ? `Unarchive the channel (or pick another one), then run \`${resume}\` again.`
      : `Invite me there with \`/invite @Quota Bot\` (in that channel), then run \`${resume}\` again.`;
  return {
    text: `I paused ${what} for ${channel}: ${why} (${escapeMrkdwn(input.error, 60)}). ${fix.replaceAll('`', '')}`,
    blocks: [
      mrkdwnSection(`:double_vertical_bar: I paused ${what} for ${channel}: ${why}.`),
      mrkdwnSection(fix),
      mrkdwnContext([
        `Slack said \`${escapeMrkdwn(input.error, 60)}\`. Nothing more is posted there until it is resumed.`,
      ]),
    ],
  };
}
