import type { DeliveryKind } from './types.js';

/** What became of one digest slot or alert firing in a run. */
export type RunOutcome = 'posted' | 'would-post' | 'skipped' | 'paused' | 'failed' | 'retry';

/** One line of a run's report. */
export interface RunEntry {
  readonly kind: DeliveryKind;
  readonly teamId: string;
  readonly channelId: string;
  /** Digest: the slot's local date. Alert: provider, quota month and crossing. */
  readonly periodKey: string;
  readonly outcome: RunOutcome;
  /** Why it was skipped, paused, failed or left for a retry. */
  readonly detail?: string;
  /** The message's fallback text, for posted and would-post entries. */
  readonly text?: string;
}

/** What a run did, as `digest run` prints it. */
export interface RunReport {
  readonly at: Date;
  readonly dryRun: boolean;
  readonly entries: RunEntry[];
}

/** How many entries of the report had each outcome. */
export function countOutcomes(report: RunReport): Record<RunOutcome, number> {
  const counts: Record<RunOutcome, number> = { posted: 0, 'would-post': 0, skipped: 0, paused: 0, failed: 0, retry: 0 };
  for (const entry of report.entries) counts[entry.outcome] += 1;
  return counts;
}
