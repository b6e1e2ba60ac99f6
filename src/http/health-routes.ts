import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';

/** `/healthz` (the process is up) and `/readyz` (the database answers). Unauthenticated, so they reveal nothing. */
export function healthRoutes(deps: { ping: () => Promise<void>; logger: Logger }): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        deps.ping().then(
          () => sendJson(res, 200, { status: 'ready' }),
          (err: unknown) => {
            deps.logger.warn({ err }, 'readiness check failed: database did not answer');
            sendJson(res, 503, { status: 'unavailable', reason: 'database did not answer' });
          },
        );
      },
    },
  ];
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}
