import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';

/** Where Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics`: Prometheus text. Unauthenticated like /healthz, as scrapes usually are: the labels are fixed sets
 * (command kinds, outcomes, endpoints), never a team id, a provider name or a secret. Put the port behind the same
 * network boundary as the scraper if even traffic volumes are private.
 */
export function metricsRoute(deps: { metrics: Metrics; logger: Logger }): CustomRoute {
  return {
    path: METRICS_PATH,
    method: 'GET',
    handler: (_req, res) => {
      deps.metrics.scrape().then(
        ({ contentType, text }) => {
          res.writeHead(200, {
            'content-type': contentType,
            'content-length': Buffer.byteLength(text),
            'cache-control': 'no-store',
          });
          res.end(text);
        },
        (err: unknown) => {
          deps.logger.error({ err }, 'could not render /metrics');
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end('metrics unavailable');
        },
      );
    },
  };
}
