import type { QuotaOutcome } from '../quota/quota-service.js';
import type { SlackMessage } from './blocks/index.js';

const MAX_ENTRIES = 1000;
const MINUTE_MS = 60_000;

/**
 * Rendered quota answers, reused while their readings are the cached ones and the minute is the same: the answer
 * shows times to the minute, so within one minute the same readings give the same message. Building and checking
 * Block Kit was the largest share of the bot's own CPU per warm `/quota` (bench/profile.ts). Only answers where
 * every provider was read successfully are kept; failures are explained afresh.
 */
export function createRenderedAnswers() {
  const rendered = new Map<string, SlackMessage>();
  return {
    /** The message for these outcomes at `now`, built once per minute per language, zone and scope. */
    get(
      key: { outcomes: readonly QuotaOutcome[]; now: Date; locale: string; timeZone: string; scope: string },
      build: () => SlackMessage,
    ): SlackMessage {
      if (!key.outcomes.every((outcome) => outcome.ok)) return build();
      const readings = key.outcomes
        .map((o) => (o.ok ? `${o.provider.id}@${o.provider.updatedAt.getTime()}@${o.reading.checkedAt.getTime()}` : ''))
        .join(',');
      const minute = Math.floor(key.now.getTime() / MINUTE_MS);
      const id = `${key.locale}|${key.timeZone}|${minute}|${key.scope}|${readings}`;
      const hit = rendered.get(id);
      if (hit) return hit;
      const message = Object.freeze(build());
      if (rendered.size >= MAX_ENTRIES) rendered.clear();
      rendered.set(id, message);
      return message;
    },
  };
}

export type RenderedAnswers = ReturnType<typeof createRenderedAnswers>;
