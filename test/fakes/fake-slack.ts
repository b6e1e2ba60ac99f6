import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call the bot made, with the form decoded and `blocks` parsed. */
export interface WebApiCall {
  method: string;
  token: string | null;
  args: Record<string, unknown>;
}

/** One POST the bot made to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export const FAKE_TEAM_ID = 'T0FAKE001';
export const FAKE_BOT_USER_ID = 'U0QUOTABOT';
/** users.info reports this user as a workspace admin (others are regular members unless made admins). */
export const FAKE_ADMIN_USER_ID = 'U0ADMIN001';

/**
 * A loopback stand-in for Slack: the Web API under /api/ (point clientOptions.slackApiUrl at `apiUrl`) and
 * response_urls under /response/ID. Records everything; failures can be scripted per Web API method.
 */
export interface FakeSlack {
  readonly apiUrl: string;
  responseUrl(id: string): string;
  readonly calls: WebApiCall[];
  readonly responses: ResponseUrlPost[];
  /** Answer a Web API method with this body (e.g. { ok: false, error: 'invalid_auth' }) from now on. */
  failMethod(method: string, body: Record<string, unknown>): void;
  /** Users that users.info reports as workspace admins (default: FAKE_ADMIN_USER_ID). */
  readonly admins: Set<string>;
  /** Resolves when `predicate` holds for the recorded traffic (polls), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: WebApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const failures = new Map<string, Record<string, unknown>>();
  const admins = new Set<string>([FAKE_ADMIN_USER_ID]);
  let ts = 1_700_000_000;

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/response/')) {
      responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = decodeArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    calls.push({ method, token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, args });
    const failure = failures.get(method);
    const body = failure ?? answer(method, args);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: FAKE_BOT_USER_ID, bot_id: 'B0QUOTABOT', team_id: FAKE_TEAM_ID, user: 'quota-bot' };
      case 'users.info': {
        const id = String(args.user);
        const admin = admins.has(id);
        return {
          ok: true,
          user: { id, team_id: FAKE_TEAM_ID, name: id.toLowerCase(), is_admin: admin, is_owner: false },
        };
      }
      case 'chat.postMessage':
        ts += 1;
        return { ok: true, channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } };
      default:
        return { ok: true };
    }
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    failMethod: (method, body) => failures.set(method, body),
    admins,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Slack: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments']) {
    if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
  }
  return args;
}
