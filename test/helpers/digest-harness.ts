import { createDigestEngine } from '../../src/digest/engine.js';
import type { RunnerOptions } from '../../src/digest/run-context.js';
import { createDigestScheduler, type DigestScheduler } from '../../src/digest/scheduler.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Provider } from '../../src/quota/types.js';
import type { Database } from '../../src/store/database.js';
import { saveProvider } from '../../src/store/providers.js';
import { recordSnapshot } from '../../src/store/snapshots.js';
import { createStoredTokenSource } from '../../src/tokens/access-token-source.js';
import { createWeChatClient } from '../../src/wechat/client.js';
import type { FakeSlack } from '../fakes/fake-slack.js';
import type { FakeWeChat } from '../fakes/fake-wechat.js';
import type { DatabaseTestContext } from './databases.js';

export const HARNESS_BOT_TOKEN = 'xoxb-harness-bot-token';

/** A scheduler as the bot builds it, on a given database, against the fakes; `now` is its wall clock. */
export interface DigestHarness {
  readonly scheduler: DigestScheduler;
  /** The ledger's wall clock; tests move it to expire leases and retries. */
  now: Date;
  readonly logs: string[];
  close(): Promise<void>;
}

/** Builds a scheduler on `database` (its own pool for concurrency tests) posting to `slack`, reading `wechat`. */
export function digestHarness(
  ctx: DatabaseTestContext,
  database: Database,
  fakes: { slack: FakeSlack; wechat: FakeWeChat },
  options: { runner?: Partial<RunnerOptions>; channelIntervalMs?: number } = {},
): DigestHarness {
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => logs.push(line) } });
  const wechat = createWeChatClient({ baseUrl: fakes.wechat.url, logger });
  const harness = {
    now: new Date('2026-11-26T00:00:00.000Z'),
    logs,
  } as { now: Date; logs: string[] };
  const clock = () => harness.now;
  const { runner, quotaAt } = createDigestEngine({
    db: database.db,
    wechat,
    tokens: createStoredTokenSource({ db: database.db, box: ctx.box, clock }),
    clock,
    logger,
    botToken: HARNESS_BOT_TOKEN,
    slackApiUrl: fakes.slack.apiUrl,
    quotaTimeZone: 'Asia/Shanghai',
    options: {
      poster: { channelIntervalMs: options.channelIntervalMs ?? 0 },
      ...(options.runner ? { runner: options.runner } : {}),
    },
  });
  const scheduler = createDigestScheduler({ runner, quota: quotaAt(clock()), quotaAt, clock, logger });
  return Object.assign(harness, {
    scheduler,
    async close() {
      await scheduler.stop(1000);
      await wechat.close();
    },
  });
}

/** Stores a provider (static token) for a workspace. */
export async function addProvider(
  ctx: DatabaseTestContext,
  teamId: string,
  name: string,
  token: string,
): Promise<Provider> {
  const saved = await saveProvider(ctx.database.db, ctx.box, {
    teamId,
    name,
    credentials: { kind: 'static', token },
    tokenExpiresAt: null,
    now: new Date('2026-10-01T00:00:00Z'),
  });
  return saved.provider;
}

/** Seeds history: one reading per [ISO instant, audits left] (limit 27, expedited 3 of 3). */
export async function seedReadings(ctx: DatabaseTestContext, provider: Provider, readings: Array<[string, number]>) {
  for (const [at, rest] of readings) {
    await recordSnapshot(ctx.database.db, {
      teamId: provider.teamId,
      providerId: provider.id,
      reading: { rest, limit: 27, speedupRest: 3, speedupLimit: 3, checkedAt: new Date(at) },
    });
  }
}
