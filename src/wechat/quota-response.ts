import { z } from 'zod';
import type { Quota } from '../quota/types.js';
import { categorizeErrcode } from './errcodes.js';
import { WeChatApiError, WeChatBadPayloadError } from './errors.js';
import { excerpt, redact } from './redact.js';

const count = z.number().int().nonnegative();

/** A success body; `errcode` is sometimes absent, `errmsg` is informational. */
const successSchema = z.object({
  errcode: z.literal(0).optional(),
  errmsg: z.string().optional(),
  rest: count,
  limit: count,
  speedup_rest: count,
  speedup_limit: count,
});

/** Any body carrying a non-zero errcode is an API error, whatever else it holds. */
const errorSchema = z.object({
  errcode: z.number().int(),
  errmsg: z.string().optional(),
});

/**
 * Validates a 2xx queryquota body: the Quota on success, WeChatApiError for a non-zero errcode,
 * WeChatBadPayloadError (with a redacted excerpt) for HTML, garbage or wrong types.
 */
export function parseQuotaBody(text: string, secrets: readonly string[] = []): Quota {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badPayload('WeChat answered with a body that is not JSON', text, secrets);
  }

  const failure = errorSchema.safeParse(json);
  if (failure.success && failure.data.errcode !== 0) {
    const { errcode, errmsg = '' } = failure.data;
    // errmsg is shown verbatim to admins; a proxy could have echoed the request into it.
    throw new WeChatApiError(errcode, redact(errmsg, secrets), categorizeErrcode(errcode));
  }

  const parsed = successSchema.safeParse(json);
  if (!parsed.success) {
    // Issue paths name our fields only, never body content, so they are safe in a message.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
    throw badPayload(`WeChat quota body failed validation at: ${fields}`, text, secrets);
  }
  const { rest, limit, speedup_rest, speedup_limit } = parsed.data;
  return { rest, limit, speedupRest: speedup_rest, speedupLimit: speedup_limit };
}

/** A bad-payload error whose excerpt is already redacted and short. */
export function badPayload(message: string, body: string, secrets: readonly string[]): WeChatBadPayloadError {
  return new WeChatBadPayloadError(message, excerpt(body, secrets));
}
