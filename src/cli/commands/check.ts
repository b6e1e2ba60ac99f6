import type { Config } from '../../config.js';
import { AppError, UsageError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { explainFailure } from '../../quota/explain-failure.js';
import { quotaPeriod } from '../../quota/month.js';
import { createQuotaService, type QuotaOutcome } from '../../quota/quota-service.js';
import type { QuotaReading, TokenSourceKind } from '../../quota/types.js';
import { findProvider, listProviders } from '../../store/providers.js';
import { createTokenResolver } from '../../tokens/token-resolver.js';
import { createWeChatClient } from '../../wechat/client.js';
import { nameFlag, parseFlags, secretFlag, teamFlag } from '../args.js';
import type { CliIo } from '../io.js';
import { openStore } from '../store-access.js';

interface CheckContext {
  config: Config;
  logger: Logger;
  io: CliIo;
  now: Date;
}

/** One row of `check --json`, the shape interface.md promises (plus `error` on a provider that failed). */
interface CheckRow {
  provider: string | null;
  rest: number | null;
  limit: number | null;
  speedupRest: number | null;
  speedupLimit: number | null;
  checkedAt: string | null;
  error?: { code: string; headline: string; detail: string; action: string };
}

/** `check`: query WeChat now, for a workspace's stored providers or for a token given on the spot. */
export async function checkCommand(args: string[], ctx: CheckContext): Promise<number> {
  const flags = parseFlags(args, {
    team: { type: 'string' },
    name: { type: 'string' },
    token: { type: 'string' },
    json: { type: 'boolean' },
  });
  if ((flags.team === undefined) === (flags.token === undefined)) {
    throw new UsageError('check needs exactly one of --team T (stored providers) or --token TOKEN (storing nothing)');
  }
  if (flags.token !== undefined && flags.name !== undefined)
    throw new UsageError('--name goes with --team, not --token');
  const wechat = createWeChatClient({ baseUrl: ctx.config.wechat.apiBaseUrl, logger: ctx.logger });
  try {
    const outcomes =
      flags.token !== undefined
        ? [await checkToken(await secretFlag(flags.token, '--token', ctx.io), wechat.queryQuota)]
        : await checkTeam(teamFlag(flags.team), flags.name === undefined ? null : nameFlag(flags.name), wechat, ctx);
    print(outcomes, Boolean(flags.json), ctx);
    return outcomes.every((row) => row.error === undefined) ? 0 : 1;
  } finally {
    await wechat.close();
  }
}

async function checkToken(token: string, query: (token: string) => Promise<Omit<QuotaReading, 'checkedAt'>>) {
  try {
    const quota = await query(token);
    return toRow(null, { ...quota, checkedAt: new Date() });
  } catch (error) {
    return failedRow(null, error);
  }
}

async function checkTeam(
  teamId: string,
  name: string | null,
  wechat: ReturnType<typeof createWeChatClient>,
  ctx: CheckContext,
): Promise<CheckRow[]> {
  const { database, box } = await openStore(ctx.config, ctx.logger);
  try {
    const providers =
      name === null ? await listProviders(database.db, teamId) : [await findProvider(database.db, teamId, name)];
    const found = providers.filter((p) => p !== null);
    if (found.length === 0) {
      throw new AppError(
        'PROVIDER_NOT_FOUND',
        name === null
          ? `workspace ${teamId} has no providers yet; add one with: quota-bot provider add --team ${teamId} --name NAME --token -`
          : `workspace ${teamId} has no provider named "${name}" (see: quota-bot provider list --team ${teamId})`,
      );
    }
    const clock = () => new Date();
    const service = createQuotaService({
      db: database.db,
      wechat,
      // The same resolver as serve: central and component tokens are fetched or refreshed (and shared) as needed.
      tokens: createTokenResolver({ db: database.db, box, clock, wechat, logger: ctx.logger }),
      clock,
      cacheTtlMs: 0,
      logger: ctx.logger,
    });
    return (await service.readAll(found)).map((outcome: QuotaOutcome) =>
      outcome.ok
        ? toRow(outcome.provider.name, outcome.reading)
        : failedRow(outcome.provider.name, outcome.error, teamId, outcome.provider.tokenSource),
    );
  } finally {
    await database.close();
  }
}

function toRow(provider: string | null, reading: QuotaReading): CheckRow {
  return {
    provider,
    rest: reading.rest,
    limit: reading.limit,
    speedupRest: reading.speedupRest,
    speedupLimit: reading.speedupLimit,
    checkedAt: reading.checkedAt.toISOString(),
  };
}

function failedRow(provider: string | null, error: unknown, teamId?: string, tokenSource?: TokenSourceKind): CheckRow {
  const failure = explainFailure(error, {
    ...(teamId ? { teamId } : {}),
    ...(provider ? { providerName: provider } : {}),
    ...(tokenSource ? { tokenSource } : {}),
  });
  return {
    provider,
    rest: null,
    limit: null,
    speedupRest: null,
    speedupLimit: null,
    checkedAt: null,
    error: { code: failure.code, headline: failure.headline, detail: failure.detail, action: failure.action },
  };
}

function print(rows: CheckRow[], json: boolean, ctx: CheckContext): void {
  if (json) {
    ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    for (const row of rows) if (row.error) ctx.io.stderr.write(`${describe(row)}\n`);
    return;
  }
  const period = quotaPeriod(ctx.now, ctx.config.defaultTimezone);
  const reset = `resets ${period.resetsAt.toISOString()} (1st of the month, 00:00 ${ctx.config.defaultTimezone}, assumed), ${period.daysLeft} days left`;
  for (const row of rows) {
    if (row.error) ctx.io.stderr.write(`${describe(row)}\n`);
    else {
      ctx.io.stdout.write(
        `${row.provider ?? 'token'}: ${row.rest} of ${row.limit} audits left, ${row.speedupRest} of ${row.speedupLimit} expedited — ${reset} — checked ${row.checkedAt}\n`,
      );
    }
  }
}

function describe(row: CheckRow): string {
  return `${row.provider ?? 'token'}: ${row.error?.headline}. ${row.error?.detail} ${row.error?.action}`;
}
