/**
 * The three prom-client classes the bot needs at start, imported one by one: the package's index also loads its
 * default metrics and, through them, @opentelemetry/api — about 40 ms of start-up for metrics that are only needed
 * once Prometheus scrapes (see process-metrics.ts).
 */
import Counter from 'prom-client/lib/counter.js';
import Histogram from 'prom-client/lib/histogram.js';
import Registry from 'prom-client/lib/registry.js';

export { Counter, Histogram, Registry };
