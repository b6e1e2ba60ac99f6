import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logging/logger.js';
import type { QuotaService } from '../quota/quota-service.js';
import type { RunReport } from './run-report.js';
import type { DigestRunner } from './runner.js';

/** Every minute: digests are scheduled to the minute, and alerts are evaluated on each tick. */
export const TICK_EXPRESSION = '* * * * *';

/** The digest and alert scheduler of a running bot. */
export interface DigestScheduler {
  /** Starts the minute tick (node-cron). */
  start(): void;
  /** Stops the tick; a run in progress claims nothing new and is awaited for at most `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
  /**
   * Delivers everything due at `at` and not yet delivered, as if the clock read `at`: the tick's own code, with a
   * quota service whose clock reads `at`. What tests and `digest run --at` call.
   */
  runDue(at: Date, options?: { dryRun?: boolean }): Promise<RunReport>;
}

export interface DigestSchedulerDeps {
  readonly runner: DigestRunner;
  /** The bot's shared quota service (its cache is shared with /quota): what the live tick reads through. */
  readonly quota: QuotaService;
  /** A quota service whose clock reads `at`, for runs at an explicit instant. */
  readonly quotaAt: (at: Date) => QuotaService;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/** Wires the runner to node-cron. Overlapping ticks are skipped: a tick never starts while a run is in progress. */
export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  let task: ScheduledTask | null = null;
  let current: Promise<unknown> | null = null;
  let stopping = false;

  const tick = async () => {
    if (current !== null || stopping) return;
    const at = deps.clock();
    const run = deps.runner.runDue(at, { quota: deps.quota, stopping: () => stopping });
    current = run;
    try {
      const report = await run;
      if (report.entries.length > 0)
        log.info({ at, entries: report.entries.length }, 'scheduled digests and alerts handled');
    } catch (err) {
      log.error({ err, at }, 'scheduled digest run failed; the next tick tries again');
    } finally {
      current = null;
    }
  };

  return {
    start() {
      if (task !== null) return;
      stopping = false;
      task = createTask(TICK_EXPRESSION, tick, { name: 'quota-digests', noOverlap: true, logger: cronLogger(log) });
      void task.start();
      log.info('digest scheduler started');
    },
    async stop(timeoutMs) {
      stopping = true;
      if (task !== null) await task.destroy();
      task = null;
      if (current === null) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), timeoutMs);
      });
      const done = () => 'done' as const;
      const result = await Promise.race([current.then(done, done), late]);
      clearTimeout(timer);
      if (result === 'late')
        log.warn('stopped while a digest run was in progress; an unfinished claim is retried after its lease');
    },
    runDue(at, options = {}) {
      return deps.runner.runDue(at, {
        quota: deps.quotaAt(at),
        dryRun: options.dryRun ?? false,
        stopping: () => stopping,
      });
    },
  };
}

/** node-cron logs through console by default; send its messages to pino instead. */
function cronLogger(log: Logger) {
  return {
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, 'node-cron error'),
    debug: (message: string | Error) => log.debug(String(message)),
  };
}
