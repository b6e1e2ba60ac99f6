import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A provider's central token server on loopback: answers GET with whatever the test scripts, recording requests. */
export interface FakeTokenServer {
  readonly url: string;
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  /** The next answers (status and body text, or `hang`); the last one repeats. */
  answer(...answers: Array<{ status?: number; body: string } | 'hang'>): void;
  /** Computes every answer from now on (e.g. a token server that rotates its token). */
  answerWith(compute: () => { status?: number; body: string }): void;
  close(): Promise<void>;
}

export async function startTokenServer(): Promise<FakeTokenServer> {
  const requests: FakeTokenServer['requests'] = [];
  let answers: Array<{ status?: number; body: string } | 'hang'> = [{ status: 500, body: 'not scripted' }];
  let served = 0;
  let computed: (() => { status?: number; body: string }) | null = null;
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const next = computed ? computed() : answers[Math.min(served++, answers.length - 1)];
    if (next === 'hang' || next === undefined) return;
    res.writeHead(next.status ?? 200, { 'content-type': 'application/json' }).end(next.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer(...next) {
      answers = next;
      served = 0;
      computed = null;
    },
    answerWith(compute) {
      computed = compute;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
