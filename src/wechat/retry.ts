/** How many attempts, how long to wait between them, and how long the whole call may take. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Every attempt and every wait together. */
  totalBudgetMs: number;
  /** The longest one attempt may take; a retry starts only if a whole attempt still fits in the budget. */
  attemptTimeoutMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** What the retry loop tells its caller and asks of it. */
export interface RetryHooks {
  signal?: AbortSignal | undefined;
  isRetryable: (error: unknown) => boolean;
  onRetry: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Full-jitter exponential backoff: uniform in [0, min(maxDelay, base·2^(retry-1))), so callers spread out. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `attempt` until it succeeds, fails for good, runs out of attempts or budget, or the signal aborts
 * (then it rejects with the signal's reason, like fetch). `attempt` gets the time it may use.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number, timeoutMs: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  const { signal } = hooks;
  const started = policy.now();
  const remaining = () => policy.totalBudgetMs - (policy.now() - started);
  for (let attemptNumber = 1; ; attemptNumber++) {
    signal?.throwIfAborted();
    try {
      return await attempt(attemptNumber, Math.max(1, Math.min(policy.attemptTimeoutMs, remaining())));
    } catch (error) {
      signal?.throwIfAborted();
      if (attemptNumber >= policy.maxAttempts || !hooks.isRetryable(error)) throw error;
      const delayMs = backoffDelay(attemptNumber, policy);
      // The user is waiting on this answer: never start an attempt that the budget could cut short.
      if (delayMs + policy.attemptTimeoutMs > remaining()) throw error;
      hooks.onRetry({ attempt: attemptNumber, delayMs, error });
      await abortableSleep(policy.sleep, delayMs, signal);
    }
  }
}

/** Waits with the injected sleep, but rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(sleep: (ms: number) => Promise<void>, ms: number, signal?: AbortSignal) {
  if (!signal) return sleep(ms);
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
