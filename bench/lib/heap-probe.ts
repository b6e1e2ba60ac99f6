/**
 * Preloaded into a server during the memory soak (`node --expose-gc --import …/heap-probe.js`): every
 * HEAP_PROBE_INTERVAL_MS it forces a full GC and appends `seconds heapUsedBytes rssBytes` to HEAP_PROBE_FILE.
 * Live heap after a full GC is the leak signal; RSS swings by tens of MiB with the young generation between GCs.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.HEAP_PROBE_FILE;
const gc = (globalThis as { gc?: () => void }).gc;
if (file && gc) {
  const started = performance.now();
  setInterval(
    () => {
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      appendFileSync(file, `${((performance.now() - started) / 1000).toFixed(1)} ${heapUsed} ${rss}\n`);
    },
    Number(process.env.HEAP_PROBE_INTERVAL_MS ?? 10_000),
  ).unref();
}
