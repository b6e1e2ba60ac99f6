/**
 * Work that outlives its HTTP response (answers sent after ack). Bolt's stop() does not wait for it,
 * so a graceful shutdown drains this set instead of cutting users off mid-answer.
 */
export class InFlightWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `work` and remembers it until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true once everything tracked has settled, false if `timeoutMs` passed first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.pending.size > 0) {
        const settled = Promise.allSettled([...this.pending]).then(() => true as const);
        if (!(await Promise.race([settled, timedOut]))) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The value of `work` if it settles within `ms`, else undefined (the work keeps running). */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
