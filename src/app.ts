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
import { metricsRoute } from './http/metrics-route.js';
import { wechatCallbackRoutes } from './http/wechat-callback.js';
import { createLocaleResolver } from './i18n/locale-resolver.js';
import { boltLoggerFrom, createLogger, type Logger } from './logging/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createQuotaService, type QuotaService } from './quota/quota-service.js';
import { adminSubcommands } from './slack/admin-commands/index.js';
import { InFlightWork } from './slack/in-flight.js';
import { createWorkspaceAuth } from './slack/installations/workspace-auth.js';
import { registerListeners } from './slack/listeners/index.js';
import { createPeopleDirectory } from './slack/people.js';
import { createPermissions } from './slack/permissions.js';
import { createReauthNotifier } from './slack/reauth-notifier.js';
import { createReceiver } from './slack/receiver-factory.js';
import { createRenderedAnswers } from './slack/rendered-answers.js';
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
  // This app's own registry (GET /metrics): two apps in one process never share a counter.
  const metrics = createMetrics();

  const database = openDatabase(config.database, { logger });
  try {
    return await assembleBot(config, overrides, { logger, clock, metrics, database });
  } catch (err) {
    // Whatever fails while assembling (migrations, key file, receiver options), the database is not left open.
    await database.close().catch(() => {});
    throw err;
  }
}

/** Everything after the database is open: migrations, then every part of the bot, wired together. */
async function assembleBot(
  config: Config,
  overrides: AppOverrides,
  base: { logger: Logger; clock: () => Date; metrics: Metrics; database: Database },
): Promise<QuotaBot> {
  const { logger, clock, metrics, database } = base;
  await migrateToLatest(database.db, logger);
  const box = createSecretBox(await resolveEncryptionKey(config, logger));
  const wechat = createWeChatClient({
    baseUrl: config.wechat.apiBaseUrl,
    logger,
    metrics,
    ...(overrides.wechatDispatcher ? { dispatcher: overrides.wechatDispatcher } : {}),
  });
  const boltLogger = boltLoggerFrom(logger.child({ component: 'bolt' }));
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  // Single-workspace (SLACK_BOT_TOKEN) or multi-workspace OAuth: who authorizes requests, whose token posts.
  const workspaces = createWorkspaceAuth({
    slack: config.slack,
    db: database.db,
    box,
    clock,
    logger,
    boltLogger,
    clientOptions,
  });
  const notifyReauth = createReauthNotifier({
    db: database.db,
    botTokenFor: workspaces.botTokenFor,
    slackApiUrl: config.slack.apiUrl,
    logger,
  });
  const tokens = createTokenResolver({
    db: database.db,
    box,
    clock,
    wechat,
    logger,
    metrics,
    onReauthRequired: notifyReauth,
  });
  const quota = createQuotaService({
    db: database.db,
    wechat,
    tokens,
    clock,
    cacheTtlMs: config.quotaCacheTtlSeconds * 1000,
    logger,
  });

  // One users.info per user per few minutes answers both "may they configure?" and "which language?".
  const people = createPeopleDirectory({ clock, logger });
  const permissions = createPermissions({ db: database.db, people, clock, logger });
  const locales = createLocaleResolver({ db: database.db, people, clock, logger });

  const bolt = new App({
    // HTTP on /slack/events, or Socket Mode when SLACK_APP_TOKEN is set; the same routes on PORT either way.
    receiver: await createReceiver({
      slack: config.slack,
      logger: boltLogger,
      clientOptions,
      oauth: workspaces.receiverOAuth,
      customRoutes: [
        ...healthRoutes({ ping: database.ping, logger }),
        metricsRoute({ metrics, logger }),
        ...wechatCallbackRoutes({
          receive: createPushReceiver({ db: database.db, box, clock, logger, notifyReauth }),
          logger,
        }),
      ],
    }),
    ...(workspaces.authorize ? { authorize: workspaces.authorize } : {}),
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
    botTokenFor: workspaces.botTokenFor,
    slackApiUrl: config.slack.apiUrl,
    defaultTimeZone: config.defaultTimezone,
    metrics,
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
    permissions,
    subcommands: new Map([
      ...digests.subcommands,
      ...adminSubcommands({ db: database.db, clock, permissions, people, locales }),
      ...tokenSubcommands({ db: database.db, clock, timeZone: config.defaultTimezone, setup }),
    ]),
    setup,
    locales,
    metrics,
    renderedAnswers: createRenderedAnswers(),
    workspaces,
  });
  bolt.error(async (err) => {
    // OAuth mode: a request from a workspace with no installation (removed, or the database was reset) is not a bug.
    if ((err as { code?: string }).code === 'slack_bolt_authorization_error') {
      logger.warn({ err }, 'ignored a Slack request from a workspace where the app is not installed');
      return;
    }
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
      logger.info({ port: bound, database: config.database.kind, slack: workspaces.mode }, 'quota-bot listening');
      void workspaces.warmUp();
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
