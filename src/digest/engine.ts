import type { Kysely } from 'kysely';
import { boltLoggerFrom, type Logger } from '../logging/logger.js';
import { createQuotaService, type QuotaService } from '../quota/quota-service.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { AccessTokenSource } from '../tokens/access-token-source.js';
import type { WeChatClient } from '../wechat/client.js';
import type { RunnerOptions } from './run-context.js';
import { createDigestRunner, type DigestRunner } from './runner.js';
import { createSchedulerWebClient, createSlackPoster, type SlackPosterOptions } from './slack-poster.js';

/** Seams for tests and the benchmark; production passes none. */
export interface DigestEngineOptions {
  readonly runner?: Partial<RunnerOptions>;
  readonly poster?: Partial<SlackPosterOptions>;
  /** Replaces real waiting (pacing, Retry-After) in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DigestEngineDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly wechat: WeChatClient;
  readonly tokens: AccessTokenSource;
  /** Wall-clock time (token expiry, the delivery ledger). */
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly botToken: string;
  readonly slackApiUrl: string | null;
  /** DEFAULT_TIMEZONE: the zone of the assumed monthly reset. */
  readonly quotaTimeZone: string;
  readonly options?: DigestEngineOptions;
}

/** A run reads each provider once, however long it takes: its own cache outlives any run. */
const RUN_CACHE_TTL_MS = 60 * 60 * 1000;

/** The runner plus `quotaAt`: what both the bot's scheduler and `digest run` are made of. */
export function createDigestEngine(deps: DigestEngineDeps): {
  runner: DigestRunner;
  quotaAt: (at: Date) => QuotaService;
} {
  const client = createSchedulerWebClient(deps.botToken, {
    slackApiUrl: deps.slackApiUrl,
    logger: boltLoggerFrom(deps.logger.child({ component: 'slack-web-api' })),
  });
  const poster = createSlackPoster({
    // Single-workspace mode: one bot token serves every subscription. Multi-workspace installs plug in here.
    clientFor: () => client,
    logger: deps.logger.child({ component: 'slack-poster' }),
    ...(deps.options?.poster ? { options: deps.options.poster } : {}),
    ...(deps.options?.sleep ? { sleep: deps.options.sleep } : {}),
  });
  const runner = createDigestRunner({
    db: deps.db,
    poster,
    logger: deps.logger,
    clock: deps.clock,
    quotaTimeZone: deps.quotaTimeZone,
    ...(deps.options?.runner ? { options: deps.options.runner } : {}),
  });
  // Snapshots of a run are stamped with the run's instant; token expiry still goes by the real clock.
  const quotaAt = (at: Date) =>
    createQuotaService({
      db: deps.db,
      wechat: deps.wechat,
      tokens: deps.tokens,
      clock: () => at,
      cacheTtlMs: RUN_CACHE_TTL_MS,
      logger: deps.logger,
    });
  return { runner, quotaAt };
}
