import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** Honest answer to a reserved command word (`subscribe`, `alert`, …) whose feature this version does not have. */
export function buildNotAvailableMessage(input: { feature: string }): SlackMessage {
  const feature = escapeMrkdwn(input.feature, 40) || 'that';
  return {
    text: `/quota ${feature} is not available in this version yet. What works now: /quota, /quota NAME, /quota help.`,
    blocks: [
      mrkdwnSection(`:construction: \`/quota ${feature}\` is not available in this version yet.`),
      mrkdwnContext(['What works now: `/quota`, `/quota NAME`, `/quota help`.']),
    ],
  };
}

/** The answer when the bot itself failed; says nothing about internals. */
export function buildInternalErrorMessage(): SlackMessage {
  return {
    text: 'Something went wrong on our side. Try again in a few minutes.',
    blocks: [
      mrkdwnSection(
        ':x: *Something went wrong on our side.*\n' +
          'Try again in a few minutes. If it keeps happening, tell whoever runs the bot.',
      ),
    ],
  };
}

/** The short placeholder sent with the ack when the answer is not ready in time; the real answer follows. */
export function buildCheckingMessage(): SlackMessage {
  return {
    text: 'Checking WeChat…',
    blocks: [mrkdwnContext([':hourglass_flowing_sand: Checking WeChat…'])],
  };
}

/** The refusal when someone who is not a workspace admin or owner tries to change the configuration. */
export function buildNotAllowedMessage(input: { purpose: string }): SlackMessage {
  const purpose = escapeMrkdwn(input.purpose, 200);
  return {
    text: `Only workspace admins and owners can ${purpose}. Ask one of them to do it.`,
    blocks: [
      mrkdwnSection(`:lock: Only workspace admins and owners can ${purpose}.`),
      mrkdwnContext(['Ask one of them to run the command. Anyone can read the quota with `/quota`.']),
    ],
  };
}

/** The placeholder sent with the ack when a subcommand's answer is not ready in time; the answer follows. */
export function buildWorkingMessage(): SlackMessage {
  return {
    text: 'Working on it…',
    blocks: [mrkdwnContext([':hourglass_flowing_sand: Working on it…'])],
  };
}
