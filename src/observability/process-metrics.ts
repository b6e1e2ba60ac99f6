import type { Registry as RegistryType } from 'prom-client';
import { Registry } from './prom.js';

let shared: Promise<RegistryType> | null = null;

/**
 * prom-client's default process metrics (CPU, memory, event-loop lag, GC, handles; standard unprefixed names such as
 * `process_cpu_user_seconds_total` and `nodejs_eventloop_lag_seconds`, so stock dashboards work), on a registry of
 * their own. They describe the process, not an app, and their collectors (an event-loop delay monitor, a GC
 * observer) cannot be turned off again, so they are created once per process, and only when first scraped: loading
 * them costs start-up time (see prom.ts). Their counters (CPU seconds, GC) start at that first scrape, which is all
 * Prometheus' rate() needs; the gauges (memory, handles) are read at every scrape.
 */
export function processMetricsRegistry(): Promise<RegistryType> {
  shared ??= import('prom-client/lib/defaultMetrics.js').then(({ default: collectDefaultMetrics }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  });
  return shared;
}

/** The app's registry with the process metrics added (prom-client's merge: the same metric objects, one listing). */
export async function withProcessMetrics(own: RegistryType): Promise<RegistryType> {
  return Registry.merge([own, await processMetricsRegistry()]);
}
