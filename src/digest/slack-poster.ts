import { setTimeout as sleepFor } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import type { SlackMessage } from '../slack/blocks/types.js';
import { createLimiter } from './limiter.js';
import { classifyPostError, type PostFailure } from './slack-errors.js';

/** What came of one post. */
export type PostResult = { readonly ok: true; readonly ts: string | null } | ({ readonly ok: false } & PostFailure);

/** Posts the scheduler's messages: paced per channel, bounded overall, rate limits retried per channel. */
export interface SlackPoster {
  post(teamId: string, channelId: string, message: SlackMessage): Promise<PostResult>;
  /** A direct message to a user (best effort: false when it could not be sent). */
  notify(teamId: string, userId: string, message: SlackMessage): Promise<boolean>;
}

export interface SlackPosterOptions {
  /** Slack allows about one message per second per channel. */
  readonly channelIntervalMs: number;
  /** Posts in flight at once, across channels. */
  readonly maxConcurrentPosts: number;
  /** Retries of one post after a 429, each after the Retry-After Slack asked for. */
  readonly rateLimitRetries: number;
  /** A longer Retry-After is not waited out: the post is left for a later tick, so one channel cannot stall a run. */
  readonly maxRateLimitWaitMs: number;
}

const DEFAULTS: SlackPosterOptions = {
  channelIntervalMs: 1100,
  maxConcurrentPosts: 16,
  rateLimitRetries: 3,
  maxRateLimitWaitMs: 60_000,
};

/**
 * `clientFor(teamId)` must give a WebClient made with `rejectRateLimitedCalls: true` (see createSchedulerWebClient):
 * the client's own 429 handling pauses its whole queue, i.e. every channel, while this waits per channel.
 */
export function createSlackPoster(deps: {
  /** null: the bot is not installed in that workspace (OAuth mode), so there is nothing to post with. */
  clientFor: (teamId: string) => webApi.WebClient | null | Promise<webApi.WebClient | null>;
  logger: Logger;
  options?: Partial<SlackPosterOptions>;
  sleep?: (ms: number) => Promise<void>;
}): SlackPoster {
  const options = { ...DEFAULTS, ...deps.options };
  const sleep = deps.sleep ?? ((ms: number) => sleepFor(ms));
  const limit = createLimiter(options.maxConcurrentPosts);
  const tails = new Map<string, Promise<unknown>>();
  const lastPostAt = new Map<string, number>();

  async function send(teamId: string, channel: string, message: SlackMessage): Promise<PostResult> {
    const client = await deps.clientFor(teamId);
    if (client === null) {
      // Retrying cannot help until someone installs the app there; the next scheduled slot tries again.
      deps.logger.warn({ teamId, channel }, 'the bot is not installed in this workspace; post skipped');
      return { ok: false, reason: 'permanent', error: 'not_installed' };
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await limit(() =>
          client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
          }),
        );
        return { ok: true, ts: typeof result.ts === 'string' ? result.ts : null };
      } catch (err) {
        const waitMs = err instanceof webApi.WebAPIRateLimitedError ? err.retryAfter * 1000 : null;
        if (waitMs !== null && attempt < options.rateLimitRetries && waitMs <= options.maxRateLimitWaitMs) {
          deps.logger.info({ teamId, channel, retryAfterMs: waitMs }, 'Slack rate limited a post; waiting as asked');
          await sleep(waitMs);
          continue;
        }
        return { ok: false, ...classifyPostError(err) };
      }
    }
  }

  /** One channel's posts go one after another, at least channelIntervalMs apart. */
  function paced(teamId: string, channel: string, message: SlackMessage): Promise<PostResult> {
    const key = `${teamId}:${channel}`;
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      const wait = (lastPostAt.get(key) ?? Number.NEGATIVE_INFINITY) + options.channelIntervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      try {
        return await send(teamId, channel, message);
      } finally {
        if (lastPostAt.size > 20_000) lastPostAt.clear();
        lastPostAt.set(key, performance.now());
      }
    });
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  }

  return {
    post: paced,
    async notify(teamId, userId, message) {
      const result = await paced(teamId, userId, message);
      if (!result.ok) deps.logger.warn({ teamId, userId, error: result.error }, 'could not send a direct message');
      return result.ok;
    },
  };
}

/** The Web API client the scheduler posts with: 429s come back to the poster, other failures retried briefly. */
export function createSchedulerWebClient(
  token: string,
  options: { slackApiUrl?: string | null; logger?: webApi.Logger },
) {
  return new webApi.WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    rejectRateLimitedCalls: true,
    // Network errors and 5xx: three quick tries, not the default ten over thirty minutes.
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 10_000,
  });
}
