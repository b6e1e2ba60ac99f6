import type { z } from 'zod';
import { categorizeErrcode } from './errcodes.js';
import { WeChatApiError } from './errors.js';
import { badPayload } from './quota-response.js';
import { redact } from './redact.js';

/**
 * Validates a 2xx WeChat JSON body against `schema`: the data on success, WeChatApiError for a non-zero errcode,
 * WeChatBadPayloadError (redacted excerpt) for anything else. `what` names the API in messages.
 */
export function parseWeChatJson<T>(text: string, schema: z.ZodType<T>, what: string, secrets: readonly string[]): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badPayload(`WeChat answered ${what} with a body that is not JSON`, text, secrets);
  }
  if (json !== null && typeof json === 'object' && 'errcode' in json) {
    const { errcode, errmsg } = json as { errcode: unknown; errmsg?: unknown };
    if (typeof errcode === 'number' && Number.isInteger(errcode) && errcode !== 0) {
      // errmsg is shown to admins; WeChat sometimes echoes the request (and its credentials) into it.
      const message = typeof errmsg === 'string' ? redact(errmsg, secrets) : '';
      throw new WeChatApiError(errcode, message, categorizeErrcode(errcode));
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Issue paths name our fields only, never body content, so they are safe in a message.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
    throw badPayload(`WeChat ${what} body failed validation at: ${fields}`, text, secrets);
  }
  return parsed.data;
}
