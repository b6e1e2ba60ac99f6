import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
import type { CentralCredentials } from '../quota/types.js';
import { urlOrigin } from './credential-rules.js';
import { CentralTokenError } from './errors.js';

/** A token and the instant it stops working. */
export interface TimedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Limits of one request to a central token server. */
export interface CentralFetchOptions {
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

const TOKEN_FIELDS = ['access_token', 'authorizer_access_token', 'token'] as const;
const tokenField = z.string().min(1).max(2048);
const seconds = z.coerce
  .number()
  .positive()
  .max(31 * 24 * 3600);
const instant = z.union([z.string().min(1), z.number().positive()]);

/**
 * The shapes accepted: `{access_token|authorizer_access_token|token, expires_in|expires_at}`, at the top level or
 * under `data`. expires_in is seconds from now; expires_at is ISO-8601 or epoch seconds (or milliseconds).
 */
const answerSchema = z
  .object({
    access_token: tokenField.optional(),
    authorizer_access_token: tokenField.optional(),
    token: tokenField.optional(),
    expires_in: seconds.optional(),
    expires_at: instant.optional(),
  })
  .refine((a) => a.access_token ?? a.authorizer_access_token ?? a.token, { message: 'no token field' })
  .refine((a) => a.expires_in !== undefined || a.expires_at !== undefined, { message: 'no expiry field' });

/** GETs the current token from the provider's central token server and validates its answer. Never logs. */
export async function fetchCentralToken(
  credentials: CentralCredentials,
  now: Date,
  options: CentralFetchOptions = {},
): Promise<TimedToken> {
  const host = urlOrigin(credentials.url);
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBodyBytes ?? 64 * 1024;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (credentials.header) headers[credentials.header.name] = credentials.header.value;
  let text: string;
  try {
    const response = await request(credentials.url, {
      method: 'GET',
      headers,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    if (response.statusCode < 200 || response.statusCode > 299) {
      await response.body.dump({ limit: maxBytes }).catch(() => undefined);
      throw new CentralTokenError(
        'http_status',
        host,
        `${host} answered HTTP ${response.statusCode}`,
        response.statusCode,
      );
    }
    text = await readCapped(response.body, maxBytes, host);
  } catch (error) {
    if (error instanceof CentralTokenError) throw error;
    // The raw error is not attached: undici's messages can quote the URL, and the URL may carry a key.
    const timedOut =
      error instanceof Error && /abort|timeout/i.test(`${error.name} ${(error as { code?: string }).code}`);
    throw new CentralTokenError(timedOut ? 'timeout' : 'unreachable', host, `${host} could not be reached`);
  }
  return parseAnswer(text, host, now);
}

function parseAnswer(text: string, host: string, now: Date): TimedToken {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CentralTokenError('bad_payload', host, `${host} answered with something that is not JSON`);
  }
  // Many token servers wrap their answer: `{code: 0, data: {access_token, expires_in}}`.
  const top = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const wrapped = TOKEN_FIELDS.every((field) => top[field] === undefined) && typeof top.data === 'object';
  const candidate = wrapped && top.data !== null ? top.data : json;
  const parsed = answerSchema.safeParse(candidate);
  if (!parsed.success) {
    const why = parsed.error.issues.map((issue) => issue.path.join('.') || issue.message).join(', ');
    throw new CentralTokenError('bad_payload', host, `${host} answered JSON the bot cannot use (${why})`);
  }
  const answer = parsed.data;
  const token = (answer.access_token ?? answer.authorizer_access_token ?? answer.token) as string;
  const expiresAt =
    answer.expires_in !== undefined ? new Date(now.getTime() + answer.expires_in * 1000) : toInstant(answer.expires_at);
  if (expiresAt === null) throw new CentralTokenError('bad_payload', host, `${host} answered an unreadable expires_at`);
  if (expiresAt.getTime() <= now.getTime()) {
    throw new CentralTokenError('expired', host, `${host} answered a token that has already expired`);
  }
  return { token, expiresAt };
}

/** ISO-8601 text or epoch seconds/milliseconds (anything above 10^12 is taken as milliseconds). */
function toInstant(value: string | number | undefined): Date | null {
  if (value === undefined) return null;
  const numeric = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
  const at = numeric === null ? new Date(String(value)) : new Date(numeric > 1e12 ? numeric : numeric * 1000);
  return Number.isNaN(at.getTime()) ? null : at;
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number, host: string) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new CentralTokenError('bad_payload', host, `${host} answered more than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
