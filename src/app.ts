import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Dispatcher } from 'undici';
import type { Config } from './config.js';
import { resolveEncryptionKey } from './crypto/encryption-key.js';
import { createSecretBox, type SecretBox } from './crypto/secret-box.js';
import type { DigestEngineOptions } from './digest/engine.js';
import { createDigestFeature } from './digest/feature.js';
import type { DigestScheduler } from './digest/scheduler.js';
import { healthRoutes } from './http/health-routes.js';
import { wechatCallbackRoutes } from './http/wechat-callback.js';
import { boltLoggerFrom, createLogger, type Logger } from './logging/logger.js';
import { createQuotaService, type QuotaService } from './quota/quota-service.js';
import { InFlightWork } from './slack/in-flight.js';
import { registerListeners } from './slack/listeners/index.js';
import { createPermissions } from './slack/permissions.js';
import { createReauthNotifier } from './slack/reauth-notifier.js';
import { createSlackReceiver } from './slack/receiver.js';
import { singleWorkspaceAuthorize } from './slack/single-workspace-authorize.js';
import { createProviderSetup, tokenSubcommands } from './slack/token-commands/index.js';
import { type Database, openDatabase } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';
import { pruneEvents } from './store/slack-events.js';
import { createPushReceiver } from './tokens/push-receiver.js';
import { createTokenResolver } from './tokens/token-resolver.js';
import { createWeChatClient, type WeChatClient } from './wechat/client.js';

/** Seams for tests and benchmarks; production passes none. */
export interface AppOverrides {
  logger?: Logger;
  clock?: () => Date;
  /** undici dispatcher for WeChat calls (e.g. a MockAgent); default: the client's own keep-alive Agent. */
  wechatDispatcher?: Dispatcher;
  /** How long `/quota` waits for its answer before acking with "checking…"; default 250 ms. */
  ackBudgetMs?: number;
  /** How long stop() waits for answers still being delivered; default 10 s. */
  drainTimeoutMs?: number;
  /** Digest/alert tunables (pacing, retries, sleep); `schedule: false` leaves the minute tick off (runDue still works). */
  digests?: DigestEngineOptions & { schedule?: boolean };
}

/** The running product: everything `serve` starts, and the handles tests reach into. */
export interface QuotaBot {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly box: SecretBox;
  readonly quota: QuotaService;
  readonly wechat: WeChatClient;
  readonly bolt: App;
  /** Weekly digests and low-quota alerts: the minute tick, and runDue(at) for tests and operators. */
  readonly digests: DigestScheduler;
  /** Listens on `port` (default config.port; 0 picks a free one) and resolves with the bound port. */
  start(port?: number): Promise<{ port: number }>;
  /** Stops accepting, waits for in-flight answers (bounded), closes WeChat and the database. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_ACK_BUDGET_MS = 250;
/** Slack retries an event for about 5 minutes; a day of event ids is ample for dedupe and keeps the table small. */
const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;
const EVENT_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/** Composition root: builds the whole bot from a validated config. No side effects until it is called. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<QuotaBot> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? (() => new Date());
  const signingSecret = config.slack.signingSecret;
  const botToken = config.slack.botToken;
  if (signingSecret === null || botToken === null) {
    throw new Error('createApp needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; call assertServeConfig first');
  }

  const database = openDatabase(config.database, { logger });
  try {
    await migrateToLatest(database.db, logger);
  } catch (err) {
    await database.close();
    throw err;
  }
  const box = createSecretBox(await resolveEncryptionKey(config, logger));
  const wechat = createWeChatClient({
    baseUrl: config.wechat.apiBaseUrl,
    logger,
    ...(overrides.wechatDispatcher ? { dispatcher: overrides.wechatDispatcher } : {}),
  });
  const notifyReauth = createReauthNotifier({ db: database.db, botToken, slackApiUrl: config.slack.apiUrl, logger });
  const tokens = createTokenResolver({ db: database.db, box, clock, wechat, logger, onReauthRequired: notifyReauth });
  const quota = createQuotaService({
    db: database.db,
    wechat,
    tokens,
    clock,
    cacheTtlMs: config.quotaCacheTtlSeconds * 1000,
    logger,
  });

  const boltLogger = boltLoggerFrom(logger.child({ component: 'bolt' }));
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const auth = singleWorkspaceAuthorize({ botToken, clientOptions, logger, boltLogger });
  const bolt = new App({
    // Bolt's HTTPReceiver plus a body cap and a refusal of future timestamps (src/slack/receiver.ts).
    receiver: createSlackReceiver({
      signingSecret,
      logger: boltLogger,
      customRoutes: [
        ...healthRoutes({ ping: database.ping, logger }),
        ...wechatCallbackRoutes({
          receive: createPushReceiver({ db: database.db, box, clock, logger, notifyReauth }),
          logger,
        }),
      ],
    }),
    authorize: auth.authorize,
    logger: boltLogger,
    clientOptions,
    // The bot never uses context.conversation; Bolt's default store throws and catches on every request.
    convoStore: false,
  });
  const inFlight = new InFlightWork();
  const digests = createDigestFeature({
    db: database.db,
    wechat,
    tokens,
    quota,
    clock,
    logger,
    botToken,
    slackApiUrl: config.slack.apiUrl,
    defaultTimeZone: config.defaultTimezone,
    ...(overrides.digests ? { options: overrides.digests } : {}),
  });
  const setup = createProviderSetup({ db: database.db, box, clock, logger, quota });
  registerListeners(bolt, {
    db: database.db,
    quota,
    clock,
    timeZone: config.defaultTimezone,
    logger,
    inFlight,
    ackBudgetMs: overrides.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS,
    permissions: createPermissions({ clock, logger }),
    subcommands: new Map([
      ...digests.subcommands,
      ...tokenSubcommands({ db: database.db, clock, timeZone: config.defaultTimezone, setup }),
    ]),
    setup,
    // PLACEHOLDER (issue 6, being replaced in this session): users.info locale + workspace setting resolver.
    locales: { forUser: async () => 'en', forWorkspace: async () => 'en' },
  });
  bolt.error(async (err) => {
    logger.error({ err }, 'unhandled error in a Slack listener');
  });

  let server: Server | null = null;
  let stopping: Promise<void> | null = null;
  let pruneTimer: NodeJS.Timeout | null = null;
  const prune = () => {
    pruneEvents(database.db, new Date(clock().getTime() - EVENT_RETENTION_MS)).catch((err: unknown) =>
      logger.warn({ err }, 'could not prune old Slack event ids'),
    );
  };

  return {
    config,
    logger,
    database,
    box,
    quota,
    wechat,
    bolt,
    digests: digests.scheduler,
    async start(port = config.port) {
      server = (await bolt.start(port)) as Server;
      const bound = (server.address() as AddressInfo).port;
      logger.info({ port: bound, database: config.database.kind }, 'quota-bot listening');
      void auth.warmUp();
      prune();
      pruneTimer = setInterval(prune, EVENT_PRUNE_INTERVAL_MS).unref();
      if (overrides.digests?.schedule !== false) digests.scheduler.start();
      return { port: bound };
    },
    stop() {
      stopping ??= (async () => {
        if (pruneTimer) clearInterval(pruneTimer);
        if (server) await bolt.stop().catch((err: unknown) => logger.warn({ err }, 'error while stopping HTTP'));
        const drained = await inFlight.drain(overrides.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
        if (!drained) logger.warn({ pending: inFlight.size }, 'stopped before every answer was delivered');
        await digests.scheduler.stop(overrides.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
        await wechat.close();
        await database.close();
        logger.info('quota-bot stopped');
      })();
      return stopping;
    },
  };
}
