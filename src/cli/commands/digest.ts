import type { Config } from '../../config.js';
import { createDigestEngine } from '../../digest/engine.js';
import { countOutcomes, type RunEntry, type RunReport } from '../../digest/run-report.js';
import { AppError, UsageError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { singleWorkspaceBotToken } from '../../slack/installations/bot-tokens.js';
import { createInstallationStore } from '../../slack/installations/installation-store.js';
import { createStoredTokenSource } from '../../tokens/access-token-source.js';
import { createWeChatClient } from '../../wechat/client.js';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';
import { openStore } from '../store-access.js';

interface Ctx {
  config: Config;
  logger: Logger;
  io: CliIo;
  now: Date;
}

/** `digest run [--at ISO] [--dry-run]`: deliver what is due, as the bot's minute tick would at that instant. */
export async function digestCommand(args: string[], ctx: Ctx): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'run')
    throw new UsageError(action ? `unknown digest action "${action}" (expected run)` : 'digest needs an action: run');
  const flags = parseFlags(rest, { at: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  const at = flags.at === undefined ? ctx.now : instant(flags.at);
  const dryRun = Boolean(flags['dry-run']);
  const botToken = ctx.config.slack.botToken;
  if (botToken === null && ctx.config.slack.oauth === null && !dryRun) {
    throw new AppError(
      'SLACK_TOKEN_MISSING',
      'digest run posts to Slack and needs SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token, xoxb-…), ' +
        'or the OAuth variables of a multi-workspace install; set them in the environment or .env, or add ' +
        '--dry-run to see what would be sent without posting',
    );
  }
  const { database, box } = await openStore(ctx.config, ctx.logger);
  const wechat = createWeChatClient({ baseUrl: ctx.config.wechat.apiBaseUrl, logger: ctx.logger });
  try {
    const clock = () => new Date();
    const { runner, quotaAt } = createDigestEngine({
      db: database.db,
      wechat,
      tokens: createStoredTokenSource({ db: database.db, box, clock }),
      clock,
      logger: ctx.logger,
      // OAuth mode posts with each workspace's installation; a dry run posts nothing, the client is never called.
      botTokenFor:
        botToken === null && ctx.config.slack.oauth !== null
          ? createInstallationStore({ db: database.db, box, clock, logger: ctx.logger }).botTokenFor
          : singleWorkspaceBotToken(botToken ?? 'xoxb-dry-run'),
      slackApiUrl: ctx.config.slack.apiUrl,
      quotaTimeZone: ctx.config.defaultTimezone,
    });
    const report = await runner.runDue(at, { quota: quotaAt(at), dryRun });
    print(report, ctx.io);
    const counts = countOutcomes(report);
    return counts.failed + counts.retry > 0 ? 1 : 0;
  } finally {
    await wechat.close();
    await database.close();
  }
}

function instant(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--at expects an ISO-8601 date and time such as 2026-11-30T09:00:00+08:00, not "${text}"`);
  }
  return at;
}

const VERB: Record<RunEntry['outcome'], string> = {
  posted: 'posted',
  'would-post': 'would post',
  skipped: 'skipped',
  paused: 'paused',
  failed: 'failed',
  retry: 'will retry',
};

function print(report: RunReport, io: CliIo): void {
  const when = report.at.toISOString();
  if (report.entries.length === 0) {
    io.stdout.write(`Nothing was due at ${when}${report.dryRun ? ' (dry run)' : ''}.\n`);
    return;
  }
  for (const e of report.entries) {
    const what = e.kind === 'digest' ? `digest ${e.periodKey}` : `alert ${e.periodKey}`;
    const why = e.detail ? ` (${e.detail})` : '';
    const text = e.text ? `: ${e.text.slice(0, 200)}` : '';
    io.stdout.write(`${VERB[e.outcome]}\t${e.teamId}\t${e.channelId}\t${what}${why}${text}\n`);
  }
  const counts = countOutcomes(report);
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${VERB[outcome as RunEntry['outcome']]}`);
  io.stdout.write(
    `At ${when}${report.dryRun ? ' (dry run: nothing sent, claimed or recorded)' : ''}: ${parts.join(', ')}.\n`,
  );
}
