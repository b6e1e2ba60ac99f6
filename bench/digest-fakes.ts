/**
 * Loopback fakes for the digest benchmark, lighter than the test suite's (they count, they do not record bodies, so
 * they add little to the memory measured): a Slack Web API that allows about one post per second per channel and
 * answers 429 with Retry-After otherwise, and a WeChat queryquota with a fixed latency.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchSlack {
  readonly apiUrl: string;
  /** Accepted posts per channel. */
  readonly postsByChannel: Map<string, number>;
  readonly stats: { posts: number; rateLimited: number; otherCalls: number };
  close(): Promise<void>;
}

/** Slack's chat.postMessage limit as the docs state it: about 1 per second per channel (here: ≥ 1000 ms apart). */
export async function startBenchSlack(minIntervalMs = 1000): Promise<BenchSlack> {
  const lastPost = new Map<string, number>();
  const postsByChannel = new Map<string, number>();
  const stats = { posts: 0, rateLimited: 0, otherCalls: 0 };
  let ts = 1_700_000_000;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? '').replace(/^\/api\//, '');
    if (method !== 'chat.postMessage') {
      stats.otherCalls += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const channel = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('channel') ?? '';
    const now = Date.now();
    const last = lastPost.get(channel);
    if (last !== undefined && now - last < minIntervalMs) {
      stats.rateLimited += 1;
      res.writeHead(429, { 'retry-after': '1' }).end();
      return;
    }
    lastPost.set(channel, now);
    postsByChannel.set(channel, (postsByChannel.get(channel) ?? 0) + 1);
    stats.posts += 1;
    ts += 1;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: true, channel, ts: `${ts}.000100` }));
  });
  return { ...(await listen(server, '/api/')), postsByChannel, stats };
}

export interface BenchWeChat {
  readonly url: string;
  readonly stats: { calls: number; tokens: Set<string> };
  close(): Promise<void>;
}

/** queryquota for any token, after `latencyMs`. */
export async function startBenchWeChat(latencyMs: number): Promise<BenchWeChat> {
  const stats = { calls: 0, tokens: new Set<string>() };
  const server = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://fake').searchParams.get('access_token') ?? '';
    stats.calls += 1;
    stats.tokens.add(token);
    setTimeout(() => {
      const body = JSON.stringify({ errcode: 0, errmsg: 'ok', rest: 9, limit: 27, speedup_rest: 1, speedup_limit: 3 });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }, latencyMs);
  });
  const { apiUrl, close } = await listen(server, '');
  return { url: apiUrl, stats, close };
}

async function listen(server: Server, path: string): Promise<{ apiUrl: string; close(): Promise<void> }> {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
