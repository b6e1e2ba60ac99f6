import { type AuthorizeResult, type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';

/**
 * Single-workspace authorization: one `auth.test` learns the bot's ids, then every request reuses them.
 * Bolt's own `token` option would call auth.test at start (so a Slack hiccup stops the process) and, with
 * verification off, on every request; this asks once, lazily, and asks again only after a failure.
 */
export function singleWorkspaceAuthorize(options: {
  botToken: string;
  clientOptions: webApi.WebClientOptions;
  logger: Logger;
  boltLogger: BoltLogger;
}): { authorize: () => Promise<AuthorizeResult>; warmUp: () => Promise<void> } {
  const client = new webApi.WebClient(options.botToken, { ...options.clientOptions, logger: options.boltLogger });
  let identity: Promise<AuthorizeResult> | null = null;

  const authorize = (): Promise<AuthorizeResult> => {
    identity ??= client.auth.test().then(
      (result) => ({
        botToken: options.botToken,
        botId: result.bot_id as string | undefined,
        botUserId: result.user_id as string | undefined,
        teamId: result.team_id as string | undefined,
        enterpriseId: (result.enterprise_id as string | undefined) || undefined,
      }),
      (err: unknown) => {
        identity = null;
        throw err;
      },
    );
    return identity;
  };

  // At start: learn the ids early and say plainly when the token is wrong, without refusing to start.
  const warmUp = async () => {
    try {
      const result = await authorize();
      options.logger.info({ teamId: result.teamId, botUserId: result.botUserId }, 'Slack bot token accepted');
    } catch (err) {
      options.logger.error(
        { err },
        'Slack rejected SLACK_BOT_TOKEN or could not be reached (auth.test failed); requests will fail until it works',
      );
    }
  };
  return { authorize, warmUp };
}
