/** How hard a late answer tries to reach Slack's response_url. */
export interface ResponseUrlRetryOptions {
  /** Attempts in all (default 3). */
  attempts?: number;
  /** Total time allowed, waits included (default 10 s); a Retry-After beyond it ends the tries. */
  budgetMs?: number;
  /** Wait between attempts when Slack gives no Retry-After (doubles each time; default 500 ms). */
  baseDelayMs?: number;
  /** Per-attempt timeout (default 5 s, never beyond the budget left). */
  attemptTimeoutMs?: number;
}

/** Thrown when every attempt failed; `status` is the last HTTP status (undefined for a network error). */
export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'ResponseUrlError';
  }
}

/**
 * POSTs a message to a response_url, retrying 429, 5xx and network errors a bounded number of times within a time
 * budget, honouring Retry-After. Other statuses (e.g. 404 for an expired URL) are not retried.
 */
export async function postToResponseUrl(
  url: string,
  message: Record<string, unknown>,
  options: ResponseUrlRetryOptions = {},
): Promise<void> {
  const attempts = options.attempts ?? 3;
  const budgetMs = options.budgetMs ?? 10_000;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5000;
  const deadline = Date.now() + budgetMs;
  const body = JSON.stringify(message);
  let lastStatus: number | undefined;
  let lastReason = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    let waitMs = baseDelayMs * 2 ** (attempt - 1);
    let retryable = true;
    try {
      const left = deadline - Date.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(Math.max(1, Math.min(attemptTimeoutMs, left))),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return;
      lastStatus = res.status;
      lastReason = `HTTP ${res.status}`;
      retryable = res.status === 429 || res.status >= 500;
      const retryAfter = Number(res.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter >= 0 && res.headers.has('retry-after')) waitMs = retryAfter * 1000;
    } catch (err) {
      lastStatus = undefined;
      lastReason = err instanceof Error ? err.message : String(err);
    }
    if (!retryable || attempt === attempts || Date.now() + waitMs >= deadline) {
      return fail(lastReason, lastStatus, attempt);
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  return fail(lastReason, lastStatus, attempts);
}

function fail(reason: string, status: number | undefined, attempts: number): never {
  throw new ResponseUrlError(
    `could not deliver to the response_url after ${attempts} attempt(s): ${reason}`,
    status,
    attempts,
  );
}
