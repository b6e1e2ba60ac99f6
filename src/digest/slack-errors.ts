import { webApi } from '@slack/bolt';
import { CHANNEL_ERRORS } from '../slack/blocks/paused-message.js';

/** Why a post failed, as the scheduler acts on it. */
export type PostFailure =
  /** The channel cannot take posts until a person acts: pause and tell whoever set it up. */
  | { readonly reason: 'channel'; readonly error: string }
  /** Might work later (network, Slack down, rate limited for long): retry on a later tick. */
  | { readonly reason: 'transient'; readonly error: string }
  /** Will never work as sent (e.g. a malformed message): record it and move on. */
  | { readonly reason: 'permanent'; readonly error: string };

// Errors where retrying the same message cannot help; configuration errors (invalid_auth…) are transient on
// purpose: an operator fixes the token and the next tick delivers, within the catch-up window.
const PERMANENT = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
]);

/** Classifies an error thrown by the Web API client. */
export function classifyPostError(err: unknown): PostFailure {
  if (err instanceof webApi.WebAPIPlatformError) {
    const error = String(err.data.error);
    if (Object.hasOwn(CHANNEL_ERRORS, error)) return { reason: 'channel', error };
    return { reason: PERMANENT.has(error) ? 'permanent' : 'transient', error };
  }
  if (err instanceof webApi.WebAPIRateLimitedError) return { reason: 'transient', error: 'ratelimited' };
  if (err instanceof webApi.WebAPIHTTPError) return { reason: 'transient', error: `http_${err.statusCode}` };
  if (err instanceof webApi.WebAPIRequestError) return { reason: 'transient', error: 'request_failed' };
  return { reason: 'transient', error: err instanceof Error ? err.name : 'unknown' };
}
