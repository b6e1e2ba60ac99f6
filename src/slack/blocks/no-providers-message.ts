import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** What to do when the workspace has no provider yet: the exact CLI command, with this workspace's team id. */
export function buildNoProvidersMessage(input: { teamId: string }): SlackMessage {
  const team = escapeMrkdwn(input.teamId, 40) || 'TEAM_ID';
  const command = `npx quota-bot provider add --team ${team} --name NAME --token -`;
  return {
    text: `No WeChat providers are set up for this workspace yet. An admin adds one with /quota setup, or with: ${command}`,
    blocks: [
      mrkdwnSection(
        '*No WeChat providers are set up for this workspace yet.*\n' +
          'A workspace admin adds one with `/quota setup`, or an admin of the bot adds one on the machine where the ' +
          'bot runs (the token is read from standard input, so it stays out of shell history):',
      ),
      mrkdwnSection(`\`\`\`${command}\`\`\``),
      mrkdwnContext([
        'The token is an authorizer access token of a mini program that authorized the provider and granted it ' +
          'permission set 18 “development management”. Add `--expires-at` with its expiry so I can tell when it runs out.',
      ]),
    ],
  };
}
