/**
 * A mutex that hands the lock to waiters strictly in arrival order. On unlock the next waiter is the owner at once,
 * so a newcomer can never slip in between (no starvation) and only one waiter is woken (no thundering herd, unlike
 * Kysely's built-in SQLite mutex, which wakes every waiter on each unlock and lets them race again).
 */
export class FifoMutex {
  #locked = false;
  readonly #waiters: Array<(() => void) | undefined> = [];
  #head = 0;

  /** Resolves when the caller owns the lock; callers are served first come, first served. */
  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Passes the lock to the longest waiter, or frees it when nobody waits. */
  unlock(): void {
    if (!this.#locked) throw new Error('FifoMutex.unlock() without a matching lock()');
    const next = this.#waiters[this.#head];
    if (next === undefined) {
      this.#locked = false;
      return;
    }
    // A moving head instead of shift(): shift() is O(n) per unlock, which is the O(n²) this class exists to avoid.
    this.#waiters[this.#head] = undefined;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#waiters.length) {
      this.#waiters.splice(0, this.#head);
      this.#head = 0;
    }
    next(); // the lock stays taken: ownership moves to `next` without a window for anyone else
  }

  /** How many callers wait for the lock (for tests and diagnostics). */
  get waiting(): number {
    return this.#waiters.length - this.#head;
  }
}
