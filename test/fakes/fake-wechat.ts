import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createFakeComponentPlatform, type FakeComponentPlatform } from './fake-wechat-component.js';

/** What the fake does with one request for a token. */
export type FakeBehaviour =
  | { kind: 'quota'; rest: number; limit: number; speedup_rest: number; speedup_limit: number; omitErrcode?: boolean }
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'html' }
  | { kind: 'garbage'; body: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'slow-drip'; intervalMs: number };

/** The four numbers of a successful queryquota answer, in WeChat's casing. */
export interface FakeQuota {
  rest: number;
  limit: number;
  speedup_rest: number;
  speedup_limit: number;
}

/** A real HTTP server on 127.0.0.1 that answers /wxa/queryquota the way WeChat (or a broken proxy) would. */
export interface FakeWeChat {
  url: string;
  calls: Array<{ path: string; token: string | null; at: number }>;
  /** Decide the answer for a token; default for unknown tokens: errcode 40001. */
  setQuota(token: string, quota: FakeQuota): void;
  /** An array means one behaviour per successive call for that token; the last one repeats. */
  respond(token: string, behaviour: FakeBehaviour | FakeBehaviour[]): void;
  /** Delay before answering every request. */
  setLatency(ms: number): void;
  /** The third-party platform's token endpoints (component and authorizer tokens with real expiry). */
  component: FakeComponentPlatform;
  /** Stops listening and ends every connection, hanging or dripping ones included. */
  close(): Promise<void>;
}

const TOKEN_REJECTED: FakeBehaviour = {
  kind: 'errcode',
  errcode: 40001,
  errmsg: 'invalid credential, access_token is invalid or not latest rid: 0000-fake',
};

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeWeChat(): Promise<FakeWeChat> {
  const script = new Map<string, { behaviours: FakeBehaviour[]; served: number }>();
  const calls: FakeWeChat['calls'] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let latencyMs = 0;
  const component = createFakeComponentPlatform();

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const every = (ms: number, run: () => void) => {
    const timer = setInterval(run, ms);
    timers.add(timer);
    return () => {
      clearInterval(timer);
      timers.delete(timer);
    };
  };

  const nextBehaviour = (token: string | null): FakeBehaviour => {
    const entry = token === null ? undefined : script.get(token);
    if (!entry) return TOKEN_REJECTED;
    const behaviour = entry.behaviours[Math.min(entry.served, entry.behaviours.length - 1)] ?? TOKEN_REJECTED;
    entry.served += 1;
    return behaviour;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const token = url.searchParams.get('access_token');
    calls.push({ path: url.pathname, token, at: Date.now() });
    // A client that gives up mid-answer makes our writes fail; that is expected here.
    res.on('error', () => undefined);
    const answer = () => {
      if (component.handle(req, res, url)) return;
      if (url.pathname !== '/wxa/queryquota') return send(res, 404, 'text/plain', 'not found');
      act(nextBehaviour(token), req, res, every);
    };
    if (latencyMs > 0) later(latencyMs, answer);
    else answer();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setQuota: (token, quota) => script.set(token, { behaviours: [{ kind: 'quota', ...quota }], served: 0 }),
    respond: (token, behaviour) =>
      script.set(token, { behaviours: Array.isArray(behaviour) ? behaviour : [behaviour], served: 0 }),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    component,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Starts a repeating timer that close() also stops; returns its canceller. */
type Every = (ms: number, run: () => void) => () => void;

function act(behaviour: FakeBehaviour, req: IncomingMessage, res: ServerResponse, every: Every): void {
  switch (behaviour.kind) {
    case 'quota': {
      const { kind: _kind, omitErrcode, ...numbers } = behaviour;
      const body = omitErrcode ? numbers : { errcode: 0, errmsg: 'ok', ...numbers };
      send(res, 200, 'application/json', JSON.stringify(body));
      break;
    }
    case 'errcode': {
      const errmsg = behaviour.errmsg ?? `fake errcode ${behaviour.errcode} rid: 0000-fake`;
      send(res, 200, 'application/json', JSON.stringify({ errcode: behaviour.errcode, errmsg }));
      break;
    }
    case 'status':
      send(res, behaviour.status, 'text/plain', behaviour.body ?? `HTTP ${behaviour.status}`);
      break;
    case 'html':
      // Edge proxies echo the request line, query string and all: exactly what redaction must catch.
      send(
        res,
        200,
        'text/html',
        `<html><head><title>502 Bad Gateway</title></head><body><p>${req.url}</p></body></html>`,
      );
      break;
    case 'garbage':
      send(res, 200, 'application/json', behaviour.body);
      break;
    case 'hang':
      break;
    case 'reset':
      // RST rather than FIN: what a crashing middlebox does, and the client sees ECONNRESET.
      req.socket.resetAndDestroy();
      break;
    case 'oversized':
      // Chunked, no content-length: the client must count bytes itself.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"errcode":0,"errmsg":"');
      res.end(`${'x'.repeat(Math.max(0, behaviour.bytes - 30))}","rest":1}`);
      break;
    case 'slow-drip': {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      // Whitespace is valid JSON padding, so only the clock can end this body.
      const stop = every(behaviour.intervalMs, () => res.write(' '));
      res.on('close', stop);
      break;
    }
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
