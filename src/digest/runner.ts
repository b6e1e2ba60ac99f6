import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { QuotaService } from '../quota/quota-service.js';
import type { QuotaReading } from '../quota/types.js';
import { listActiveAlerts } from '../store/alerts.js';
import { listProviders } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { listDueSubscriptions } from '../store/subscriptions.js';
import { deliverJobs } from './deliver-jobs.js';
import { mapConcurrently } from './limiter.js';
import { DEFAULT_RUNNER_OPTIONS, type DeliveryJob, type RunContext, type RunnerOptions } from './run-context.js';
import type { RunEntry, RunReport } from './run-report.js';
import type { SlackPoster } from './slack-poster.js';
import { alertJobs } from './team-alerts.js';
import { claimDueDigests, digestJobs } from './team-digests.js';
import { readingsForAlerts, readQuotas } from './team-readings.js';
import type { QuotaAlert, Subscription } from './types.js';
import { workspaceLocaleReader } from './workspace-locale.js';

export interface DigestRunnerDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly poster: SlackPoster;
  readonly logger: Logger;
  /** Wall-clock time for the delivery ledger. */
  readonly clock: () => Date;
  /** The zone of the assumed monthly reset (the month boundary of alerts and forecasts). */
  readonly quotaTimeZone: string;
  readonly options?: Partial<RunnerOptions>;
  /** Counts digests and alerts delivered and given up on; default: not counted. */
  readonly metrics?: Pick<Metrics, 'digestDelivered' | 'digestFailed'>;
}

export interface RunDueOptions {
  /** Reads quotas for this run; its clock must read `at` (snapshots are stamped with it). */
  readonly quota: QuotaService;
  /** Sends nothing, claims nothing, records nothing; shows what would be posted from stored readings. */
  readonly dryRun?: boolean;
  /** Polled between steps: true stops claiming new work (shutdown). */
  readonly stopping?: () => boolean;
}

/** Delivers every digest and alert due at an instant, once: the code behind both the cron tick and `digest run`. */
export interface DigestRunner {
  runDue(at: Date, options: RunDueOptions): Promise<RunReport>;
}

/** Builds the runner; each runDue is independent and safe to run in several processes against one database. */
export function createDigestRunner(deps: DigestRunnerDeps): DigestRunner {
  const options: RunnerOptions = { ...DEFAULT_RUNNER_OPTIONS, ...deps.options };
  const log = deps.logger.child({ component: 'digests' });
  return {
    async runDue(at, runOptions) {
      const entries: RunEntry[] = [];
      const ctx: RunContext = {
        db: deps.db,
        logger: log,
        poster: deps.poster,
        quota: runOptions.quota,
        at,
        clock: deps.clock,
        dryRun: runOptions.dryRun ?? false,
        claimToken: randomUUID(),
        quotaTimeZone: deps.quotaTimeZone,
        options,
        workspaceLocale: workspaceLocaleReader(deps.db, log),
        report: (entry) => {
          entries.push(entry);
          // Retries and skips are neither: a retry may still be delivered, a skip was never attempted.
          if (entry.outcome === 'posted') deps.metrics?.digestDelivered(entry.kind);
          else if (entry.outcome === 'failed' || entry.outcome === 'paused') deps.metrics?.digestFailed(entry.kind);
        },
        stopping: runOptions.stopping ?? (() => false),
      };
      const [due, alerts] = await Promise.all([listDueSubscriptions(deps.db, at), listActiveAlerts(deps.db)]);
      const teams = groupByTeam(due, alerts);
      // A workspace's slot is held while it claims and reads WeChat; its posts are then handed to the poster (which
      // bounds posts in flight and paces each channel), so a channel waiting out its pacing holds up nobody else.
      const posting: Promise<void>[] = [];
      const backlog = createBacklog(MAX_QUEUED_POSTS);
      const failed = (teamId: string) => (err: unknown) => {
        // One workspace's trouble (its database rows, its providers) never stops the others.
        log.error({ err, teamId }, 'digest run failed for a workspace');
      };
      await mapConcurrently([...teams], options.teamConcurrency, async ([teamId, work]) => {
        await backlog.room();
        if (ctx.stopping()) return;
        try {
          const jobs = await prepareTeam(ctx, teamId, work.due, work.alerts);
          if (jobs.length > 0) {
            backlog.add(jobs.length);
            posting.push(
              deliverJobs(ctx, jobs)
                .catch(failed(teamId))
                .finally(() => backlog.done(jobs.length)),
            );
          }
        } catch (err) {
          failed(teamId)(err);
        }
      });
      await Promise.all(posting);
      return { at, dryRun: ctx.dryRun, entries };
    },
  };
}

/** Claims the team's due digests and alert firings, reads its providers once, and builds the messages to post. */
async function prepareTeam(
  ctx: RunContext,
  teamId: string,
  due: Subscription[],
  alerts: QuotaAlert[],
): Promise<DeliveryJob[]> {
  const claimed = await claimDueDigests(ctx, due);
  if (claimed.length === 0 && alerts.length === 0) return [];
  const providers = await listProviders(ctx.db, teamId);
  const outcomes = claimed.length > 0 ? await readQuotas(ctx, teamId, providers) : [];
  const jobs = await digestJobs(ctx, claimed, outcomes);
  if (alerts.length > 0 && providers.length > 0) {
    const fresh = new Map<string, QuotaReading>();
    for (const outcome of outcomes) if (outcome.ok) fresh.set(outcome.provider.id, outcome.reading);
    const readings = await readingsForAlerts(ctx, teamId, providers, fresh);
    jobs.push(...(await alertJobs(ctx, alerts, providers, readings)));
  }
  return jobs;
}

/**
 * Posts prepared but not yet sent, at most: keeps memory flat however many subscriptions are due, and keeps each
 * claim close to its post (well inside the lease).
 */
const MAX_QUEUED_POSTS = 2000;

function createBacklog(max: number) {
  let queued = 0;
  const waiting: Array<() => void> = [];
  return {
    async room() {
      while (queued >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    add(count: number) {
      queued += count;
    },
    done(count: number) {
      queued -= count;
      while (queued < max && waiting.length > 0) waiting.shift()?.();
    },
  };
}

function groupByTeam(due: Subscription[], alerts: QuotaAlert[]) {
  const teams = new Map<string, { due: Subscription[]; alerts: QuotaAlert[] }>();
  const of = (teamId: string) => {
    let work = teams.get(teamId);
    if (!work) {
      work = { due: [], alerts: [] };
      teams.set(teamId, work);
    }
    return work;
  };
  for (const sub of due) of(sub.teamId).due.push(sub);
  for (const alert of alerts) of(alert.teamId).alerts.push(alert);
  return teams;
}
