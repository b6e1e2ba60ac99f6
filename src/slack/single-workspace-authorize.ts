import { type AuthorizeResult, type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';

/** How long a request may wait for the bot's identity before going on without it. */
const IDENTITY_BUDGET_MS = 1000;

/**
 * Single-workspace authorization: one `auth.test` learns the bot's ids, then every request reuses them.
 * Bolt's own `token` option would call auth.test at start (so a Slack hiccup stops the process) and, with
 * verification off, on every request; this asks once, lazily, and asks again only after a failure.
 * The identity never gates an answer: the Web API client retries an unreachable Slack for minutes, while a
 * slash command must be acked within 3 s. Past a short budget a request goes on with the bot token alone
 * (mention parsing and Bolt's ignoreSelf cope without the ids) while auth.test keeps trying in the background.
 */
export function singleWorkspaceAuthorize(options: {
  botToken: string;
  clientOptions: webApi.WebClientOptions;
  logger: Logger;
  boltLogger: BoltLogger;
  identityBudgetMs?: number;
}): { authorize: () => Promise<AuthorizeResult>; warmUp: () => Promise<void> } {
  const client = new webApi.WebClient(options.botToken, {
    ...options.clientOptions,
    logger: options.boltLogger,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 5000,
  });
  const tokenOnly: AuthorizeResult = { botToken: options.botToken };
  let known: AuthorizeResult | null = null;
  let identity: Promise<AuthorizeResult> | null = null;

  const learnIdentity = (): Promise<AuthorizeResult> => {
    identity ??= client.auth.test().then(
      (result) => {
        known = {
          botToken: options.botToken,
          botId: result.bot_id as string | undefined,
          botUserId: result.user_id as string | undefined,
          teamId: result.team_id as string | undefined,
          enterpriseId: (result.enterprise_id as string | undefined) || undefined,
        };
        return known;
      },
      (err: unknown) => {
        identity = null;
        throw err;
      },
    );
    return identity;
  };

  const authorize = async (): Promise<AuthorizeResult> => {
    if (known) return known;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<AuthorizeResult>((resolve) => {
      timer = setTimeout(() => resolve(tokenOnly), options.identityBudgetMs ?? IDENTITY_BUDGET_MS);
    });
    try {
      return await Promise.race([learnIdentity().catch(() => tokenOnly), late]);
    } finally {
      clearTimeout(timer);
    }
  };

  // At start: learn the ids early and say plainly when the token is wrong, without refusing to start.
  const warmUp = async () => {
    try {
      const result = await learnIdentity();
      options.logger.info({ teamId: result.teamId, botUserId: result.botUserId }, 'Slack bot token accepted');
    } catch (err) {
      options.logger.error(
        { err },
        'Slack rejected SLACK_BOT_TOKEN or could not be reached (auth.test failed); answers that need the Web API ' +
          '(mentions, digests) fail until it works',
      );
    }
  };
  return { authorize, warmUp };
}
