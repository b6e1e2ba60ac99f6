import type { Kysely } from 'kysely';
import type { Locale } from '../i18n/locale.js';
import type { Logger } from '../logging/logger.js';
import type { QuotaService } from '../quota/quota-service.js';
import type { SlackMessage } from '../slack/blocks/types.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { RunEntry } from './run-report.js';
import type { SlackPoster } from './slack-poster.js';
import type { DeliveryKind } from './types.js';

/** Tunables of a run; the defaults are what the README promises. */
export interface RunnerOptions {
  /** A digest later than this after its slot is skipped (and recorded as skipped). */
  readonly catchUpMs: number;
  /** A claim not finished after this long belongs to a dead process and may be taken over. */
  readonly leaseMs: number;
  /** Workspaces processed at once. */
  readonly teamConcurrency: number;
  /** Alerts poll WeChat when a provider's newest reading is older than this. */
  readonly alertPollMs: number;
  /** Tries of one delivery before it is recorded as failed. */
  readonly maxAttempts: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = Object.freeze({
  catchUpMs: 24 * 60 * 60 * 1000,
  leaseMs: 10 * 60 * 1000,
  teamConcurrency: 8,
  alertPollMs: 15 * 60 * 1000,
  maxAttempts: 5,
});

/** Everything one run shares. */
export interface RunContext {
  readonly db: Kysely<DatabaseSchema>;
  readonly logger: Logger;
  readonly poster: SlackPoster;
  /** Reads quotas; its clock reads `at`, so snapshots of the run are stamped with it. */
  readonly quota: QuotaService;
  /** The instant the run acts as of: what is due, and the digests' "now". */
  readonly at: Date;
  /** Wall-clock time for the ledger (claims, leases, retries), which other processes compare against theirs. */
  readonly clock: () => Date;
  readonly dryRun: boolean;
  readonly claimToken: string;
  readonly quotaTimeZone: string;
  readonly options: RunnerOptions;
  /** The language of a workspace's posts (its `/quota language`, else English); read once per run. */
  workspaceLocale(teamId: string): Promise<Locale>;
  /** Appends to the run's report. */
  report(entry: RunEntry): void;
  /** True once the process is shutting down: claim nothing new. */
  stopping(): boolean;
}

/** One message ready to post, with what to do about each way it can end. */
export interface DeliveryJob {
  readonly kind: DeliveryKind;
  readonly teamId: string;
  readonly channelId: string;
  readonly targetId: string;
  readonly periodKey: string;
  readonly attempts: number;
  readonly message: SlackMessage;
  /** Who is told when the channel refuses the post (null: nobody to tell; the log and listings say it). */
  readonly notifyUserId: string | null;
  /** Pauses the subscription or alert; true when this call paused it. */
  pause(reason: string): Promise<boolean>;
  /** Runs once the delivery is terminal (delivered, failed): moves a digest's cursor on. */
  settled(): Promise<void>;
}
