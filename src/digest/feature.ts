import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { QuotaService } from '../quota/quota-service.js';
import { createChannelResolver } from '../slack/channel-resolver.js';
import { digestSubcommands } from '../slack/digest-commands/index.js';
import type { BotTokenFor } from '../slack/installations/bot-tokens.js';
import type { SubcommandHandler } from '../slack/subcommands.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { AccessTokenSource } from '../tokens/access-token-source.js';
import type { WeChatClient } from '../wechat/client.js';
import { createDigestEngine, type DigestEngineOptions } from './engine.js';
import { createDigestScheduler, type DigestScheduler } from './scheduler.js';

/** Weekly digests and low-quota alerts as the bot runs them: the scheduler and the `/quota` subcommands. */
export interface DigestFeature {
  readonly scheduler: DigestScheduler;
  readonly subcommands: Array<[string, SubcommandHandler]>;
}

/** Builds the feature for createApp; the scheduler starts with the bot and stops with it. */
export function createDigestFeature(deps: {
  db: Kysely<DatabaseSchema>;
  wechat: WeChatClient;
  tokens: AccessTokenSource;
  quota: QuotaService;
  clock: () => Date;
  logger: Logger;
  /** Each workspace's bot token (the env token in single-workspace mode). */
  botTokenFor: BotTokenFor;
  slackApiUrl: string | null;
  defaultTimeZone: string;
  options?: DigestEngineOptions;
  metrics?: Pick<Metrics, 'digestDelivered' | 'digestFailed'>;
}): DigestFeature {
  const { runner, quotaAt } = createDigestEngine({ ...deps, quotaTimeZone: deps.defaultTimeZone });
  return {
    scheduler: createDigestScheduler({ runner, quota: deps.quota, quotaAt, clock: deps.clock, logger: deps.logger }),
    subcommands: digestSubcommands({
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      defaultTimeZone: deps.defaultTimeZone,
      channels: createChannelResolver({ clock: deps.clock, logger: deps.logger }),
    }),
  };
}
