import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import { routeLogger } from '../logging/request-context.js';
import type { PushQuery, PushResult } from '../tokens/push-receiver.js';

/** The path WeChat's authorization event URL (or a forwarder) points at. */
export const WECHAT_CALLBACK_PATH = '/wechat/callback';
/** A real push is well under 2 KiB; anything past this is refused before it is read. */
export const MAX_PUSH_BYTES = 64 * 1024;

const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;
const SIGNATURE = /^[0-9a-fA-F]{40}$/;

/**
 * `POST /wechat/callback`. Bolt does not authenticate custom routes, so this does: the body is capped, the query
 * checked, and `receive` verifies the signature before anything is decrypted or stored. Answers `success` as WeChat
 * expects; 4xx for anything that is not an authentic push; 500 when storing failed, so WeChat delivers it again.
 */
export function wechatCallbackRoutes(deps: {
  receive: (query: PushQuery, body: string) => Promise<PushResult>;
  logger: Logger;
}): CustomRoute[] {
  const base = deps.logger.child({ component: 'wechat-callback' });
  const handle = async (req: IncomingMessage, res: ServerResponse, log: Logger) => {
    const query = readQuery(req.url ?? '');
    const body = await readCapped(req, MAX_PUSH_BYTES);
    if (body === null) return send(res, 413, 'payload too large', true);
    if (query === null) return send(res, 400, 'bad request');
    const result = await deps.receive(query, body);
    if (result.status === 'rejected') {
      // A forged or stale push is worth knowing about, but its content is not worth logging.
      log.warn({ status: result.httpStatus, reason: result.reason }, 'wechat push rejected');
      return send(res, result.httpStatus, result.httpStatus === 400 ? 'bad request' : 'forbidden');
    }
    if (result.status === 'replayed') log.info({ infoType: result.infoType }, 'wechat push replayed; ignored');
    send(res, 200, 'success');
  };
  return [
    {
      path: WECHAT_CALLBACK_PATH,
      method: 'POST',
      handler: (req, res) => {
        const log = routeLogger(base, req);
        handle(req, res, log).catch((err: unknown) => {
          log.error({ err }, 'could not process a wechat push');
          if (!res.headersSent) send(res, 500, 'error');
        });
      },
    },
  ];
}

function readQuery(url: string): PushQuery | null {
  const params = new URL(url, 'http://callback').searchParams;
  const timestamp = params.get('timestamp') ?? '';
  const nonce = params.get('nonce') ?? '';
  const msgSignature = params.get('msg_signature') ?? '';
  if (!TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || !SIGNATURE.test(msgSignature)) return null;
  return { timestamp, nonce, msgSignature };
}

/**
 * The body as text, or null once it exceeds `max` bytes (declared or actual). Past the cap the rest is ignored,
 * not buffered; the 413 goes out with `connection: close` so the sender cannot keep streaming into this socket.
 */
function readCapped(req: IncomingMessage, max: number): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > max) {
        settled = true;
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks).toString('utf8'));
      settled = true;
    });
    req.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
  });
}

function send(res: ServerResponse, status: number, text: string, close = false): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}
