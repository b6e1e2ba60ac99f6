/**
 * The bot token that speaks to one workspace, or null when the bot is not installed there. Single-workspace mode
 * answers the one SLACK_BOT_TOKEN for every team; OAuth mode reads the workspace's installation.
 */
export type BotTokenFor = (teamId: string) => Promise<string | null>;

/** Single-workspace mode: the env token for every team (there is only one). */
export function singleWorkspaceBotToken(token: string): BotTokenFor {
  return async () => token;
}
