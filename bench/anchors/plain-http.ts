/**
 * Physical-limit anchor: plain node:http doing the minimum a correct Slack endpoint must do. Reads the body,
 * rejects stale timestamps (±5 min), checks the v0 signature in constant time (crypto.timingSafeEqual), parses the
 * form, and answers `/quota` with the same constant JSON as the bare Bolt anchor.
 * Listens on PORT (default: any free port); SIGTERM/SIGINT stop it cleanly.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ANCHOR_ANSWER, EVENTS_PATH, portFromEnv, SIGNING_SECRET } from '../lib/common.js';

const ANSWER = Buffer.from(JSON.stringify(ANCHOR_ANSWER));
const FIVE_MINUTES_S = 5 * 60;
const MAX_BODY = 64 * 1024;

function reply(res: ServerResponse, status: number, body?: Buffer): void {
  if (body === undefined) {
    res.writeHead(status, { 'content-length': 0 }).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

function verified(req: IncomingMessage, raw: Buffer): boolean {
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  const signature = req.headers['x-slack-signature'];
  if (!Number.isInteger(timestamp) || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > FIVE_MINUTES_S) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:`).update(raw).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== EVENTS_PATH) return reply(res, 404);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      reply(res, 413);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    if (!verified(req, raw)) return reply(res, 401);
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return reply(res, 415);
    const form = new URLSearchParams(raw.toString('utf8'));
    if (form.get('command') !== '/quota' || !form.get('team_id')) return reply(res, 404);
    reply(res, 200, ANSWER);
  });
});

server.listen(portFromEnv(), '0.0.0.0');

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
