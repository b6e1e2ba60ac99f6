import type { webApi } from '@slack/bolt';
import type { Kysely } from 'kysely';
import { boltLoggerFrom, type Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createQuotaService, type QuotaService } from '../quota/quota-service.js';
import { type BotTokenFor, singleWorkspaceBotToken } from '../slack/installations/bot-tokens.js';
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
  /** Single-workspace mode's token; or `botTokenFor` to post with each workspace's own installation. */
  readonly botToken?: string;
  readonly botTokenFor?: BotTokenFor;
  readonly slackApiUrl: string | null;
  /** DEFAULT_TIMEZONE: the zone of the assumed monthly reset. */
  readonly quotaTimeZone: string;
  readonly options?: DigestEngineOptions;
  /** Counts deliveries (the bot's /metrics); the CLI's `digest run` passes none. */
  readonly metrics?: Pick<Metrics, 'digestDelivered' | 'digestFailed'>;
}

/** One Web API client per bot token, kept while the token is in use: each client paces its own queue. */
function schedulerClients(deps: DigestEngineDeps): (teamId: string) => Promise<webApi.WebClient | null> {
  const botTokenFor = deps.botTokenFor ?? (deps.botToken === undefined ? null : singleWorkspaceBotToken(deps.botToken));
  if (botTokenFor === null) throw new Error('createDigestEngine needs botToken or botTokenFor');
  const logger = boltLoggerFrom(deps.logger.child({ component: 'slack-web-api' }));
  const clients = new Map<string, webApi.WebClient>();
  return async (teamId) => {
    const token = await botTokenFor(teamId);
    if (token === null) return null;
    let client = clients.get(token);
    if (client === undefined) {
      // Reinstalls leave old tokens behind; a bound on the map keeps that from growing forever.
      if (clients.size >= 1000) clients.clear();
      client = createSchedulerWebClient(token, { slackApiUrl: deps.slackApiUrl, logger });
      clients.set(token, client);
    }
    return client;
  };
}

/** A run reads each provider once, however long it takes: its own cache outlives any run. */
const RUN_CACHE_TTL_MS = 60 * 60 * 1000;

/** The runner plus `quotaAt`: what both the bot's scheduler and `digest run` are made of. */
export function createDigestEngine(deps: DigestEngineDeps): {
  runner: DigestRunner;
  quotaAt: (at: Date) => QuotaService;
} {
  const poster = createSlackPoster({
    // Each workspace posts with its own bot token (the same one in single-workspace mode).
    clientFor: schedulerClients(deps),
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
    metrics: deps.metrics,
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
