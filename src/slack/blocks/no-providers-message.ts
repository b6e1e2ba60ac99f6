import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** What to do when the workspace has no provider yet: the exact CLI command, with this workspace's team id. */
export function buildNoProvidersMessage(input: { teamId: string; locale?: Locale }): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).help;
  const team = escapeMrkdwn(input.teamId, 40) || 'TEAM_ID';
  const command = `npx quota-bot provider add --team ${team} --name NAME --token -`;
  return {
    text: t.noProvidersText({ command }),
    blocks: [
      mrkdwnSection(`*${t.noProvidersTitle}*\n${t.noProvidersHow}`),
      mrkdwnSection(`\`\`\`${command}\`\`\``),
      mrkdwnContext([t.noProvidersToken]),
    ],
  };
}
