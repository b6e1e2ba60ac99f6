import { type TransportKind, WeChatTransportError } from './errors.js';
import { redact } from './redact.js';

/** undici and Node system error codes, by the transport kind callers reason about. */
const KIND_BY_CODE: ReadonlyMap<string, TransportKind> = new Map<string, TransportKind>([
  ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
  ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
  ['UND_ERR_BODY_TIMEOUT', 'timeout'],
  ['ETIMEDOUT', 'timeout'],
  ['ECONNREFUSED', 'refused'],
  ['ECONNRESET', 'reset'],
  ['EPIPE', 'reset'],
  ['UND_ERR_SOCKET', 'reset'],
  ['ENOTFOUND', 'dns'],
  ['EAI_AGAIN', 'dns'],
]);

const DESCRIPTION: Readonly<Record<TransportKind, string>> = {
  timeout: 'WeChat did not answer in time',
  refused: 'WeChat refused the connection',
  reset: 'WeChat closed the connection',
  dns: 'WeChat host name did not resolve',
  other: 'WeChat request failed',
};

/** The attempt's own deadline fired (it spans connect, headers and body, unlike undici's per-phase timers). */
export function attemptTimeoutError(timeoutMs: number): WeChatTransportError {
  return new WeChatTransportError('timeout', `${DESCRIPTION.timeout} (no complete answer within ${timeoutMs} ms)`);
}

/**
 * Turns whatever undici threw into a WeChatTransportError. The raw error is never attached: its message or
 * fields may carry the request URL. The `cause` is a plain, redacted summary instead.
 */
export function toTransportError(error: unknown, secrets: readonly string[]): WeChatTransportError {
  const code = findCode(error);
  const kind = (code === undefined ? undefined : KIND_BY_CODE.get(code)) ?? 'other';
  const message = code === undefined ? DESCRIPTION[kind] : `${DESCRIPTION[kind]} (${code})`;
  return new WeChatTransportError(kind, message, { cause: summarize(error, code, secrets) });
}

/** The first known error code on the error, its `errors` (happy-eyeballs AggregateError) or its `cause` chain. */
function findCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, errors, cause } = error as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string' && KIND_BY_CODE.has(code)) return code;
  const nested = [...(Array.isArray(errors) ? errors : []), cause];
  for (const inner of nested) {
    const found = findCode(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return typeof code === 'string' ? code : undefined;
}

function summarize(error: unknown, code: string | undefined, secrets: readonly string[]) {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return { name, code, message: redact(message, secrets).slice(0, 200) };
}
