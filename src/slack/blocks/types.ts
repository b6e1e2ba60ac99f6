import type { KnownBlock } from '@slack/types';
import type { FailureExplanation } from '../../quota/explain-failure.js';
import type { QuotaReading } from '../../quota/types.js';

/** A message ready for `respond()` / `chat.postMessage`: blocks plus the plain fallback that states the essentials. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** What checking one provider gave: its quota, or why it could not be read. */
export type ProviderOutcome =
  | { name: string; ok: true; reading: QuotaReading }
  | { name: string; ok: false; failure: FailureExplanation };
