import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createWeChatClient, type WeChatClientOptions } from '../../src/wechat/client.js';
import {
  type ErrcodeCategory,
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from '../../src/wechat/errors.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';

const QUOTA = { rest: 8, limit: 27, speedup_rest: 0, speedup_limit: 0 };

let fake: FakeWeChat;
let tokenSeq = 0;
beforeAll(async () => {
  fake = await startFakeWeChat();
});
afterAll(() => fake.close());

/** A fresh token per test keeps the shared fake's scripts and call counts apart. */
const newToken = () => `tok-${++tokenSeq}`;
const callsFor = (token: string) => fake.calls.filter((call) => call.token === token);

/** A client on the fake with fast retries; the returned array collects every log line as parsed JSON. */
async function withClient<T>(
  overrides: Partial<WeChatClientOptions>,
  run: (client: ReturnType<typeof createWeChatClient>, logs: Array<Record<string, unknown>>) => Promise<T>,
): Promise<T> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'trace',
    destination: { write: (line: string) => logs.push(JSON.parse(line)) },
  });
  const client = createWeChatClient({ baseUrl: fake.url, logger, baseDelayMs: 1, ...overrides });
  try {
    return await run(client, logs);
  } finally {
    await client.close();
  }
}

const query = (token: string, overrides: Partial<WeChatClientOptions> = {}) =>
  withClient(overrides, (client) => client.queryQuota(token));

describe('queryQuota success', () => {
  it('returns the quota in our casing and sends the token to /wxa/queryquota', async () => {
    const token = newToken();
    fake.setQuota(token, QUOTA);
    await expect(query(token)).resolves.toEqual({ rest: 8, limit: 27, speedupRest: 0, speedupLimit: 0 });
    expect(callsFor(token)).toEqual([expect.objectContaining({ path: '/wxa/queryquota', token })]);
  });

  it('accepts a success body without errcode', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'quota', rest: 3, limit: 20, speedup_rest: 1, speedup_limit: 2, omitErrcode: true });
    await expect(query(token)).resolves.toEqual({ rest: 3, limit: 20, speedupRest: 1, speedupLimit: 2 });
  });

  it('URL-encodes a token with reserved characters so WeChat receives it intact', async () => {
    const token = `${newToken()}+a/b=c&d`;
    fake.setQuota(token, QUOTA);
    await expect(query(token)).resolves.toMatchObject({ rest: 8 });
    expect(callsFor(token)).toHaveLength(1);
  });

  it('logs each attempt at debug with path, status, ms and errcode, under component wechat', async () => {
    const token = newToken();
    fake.setQuota(token, QUOTA);
    const logs = await withClient({}, async (client, lines) => {
      await client.queryQuota(token);
      return lines;
    });
    expect(logs).toEqual([
      expect.objectContaining({ level: 20, component: 'wechat', path: '/wxa/queryquota', status: 200, errcode: 0 }),
    ]);
    expect(logs[0]?.ms).toEqual(expect.any(Number));
  });
});

describe('queryQuota errcodes', () => {
  const table: Array<[number, ErrcodeCategory]> = [
    [40001, 'token_rejected'],
    [40014, 'token_rejected'],
    [42001, 'token_rejected'],
    [45009, 'daily_limit'],
    [45011, 'rate_limited'],
    [48001, 'permission_missing'],
    [61003, 'deauthorized'],
    [61004, 'ip_not_whitelisted'],
    [61023, 'refresh_token_invalid'],
    [87654, 'unknown'],
  ];
  it.each(table)('errcode %i is a WeChatApiError of category %s, not retried', async (errcode, category) => {
    const token = newToken();
    fake.respond(token, { kind: 'errcode', errcode, errmsg: `message for ${errcode}` });
    const error = await query(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode, category, errmsg: `message for ${errcode}` });
    expect(callsFor(token)).toHaveLength(1);
  });

  it('treats an unknown token as rejected (the fake default, 40001)', async () => {
    await expect(query('never-configured')).rejects.toMatchObject({ errcode: 40001, category: 'token_rejected' });
  });
});

describe('queryQuota retries', () => {
  it('retries errcode -1 and returns the quota once WeChat recovers, warning per retry', async () => {
    const token = newToken();
    const busy = { kind: 'errcode', errcode: -1, errmsg: 'system error' } as const;
    fake.respond(token, [busy, busy, { kind: 'quota', ...QUOTA }]);
    const logs = await withClient({}, async (client, lines) => {
      await expect(client.queryQuota(token)).resolves.toMatchObject({ rest: 8, limit: 27 });
      return lines;
    });
    expect(callsFor(token)).toHaveLength(3);
    expect(logs.filter((line) => line.level === 40)).toHaveLength(2);
  });

  it('gives up after maxAttempts on persistent -1', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'errcode', errcode: -1 });
    await expect(query(token, { maxAttempts: 3 })).rejects.toMatchObject({ errcode: -1, category: 'busy' });
    expect(callsFor(token)).toHaveLength(3);
  });

  it('retries HTTP 5xx', async () => {
    const token = newToken();
    fake.respond(token, [
      { kind: 'status', status: 502 },
      { kind: 'quota', ...QUOTA },
    ]);
    await expect(query(token)).resolves.toMatchObject({ rest: 8 });
    expect(callsFor(token)).toHaveLength(2);
  });

  it('does not retry HTTP 4xx', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'status', status: 404 });
    const error = await query(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatHttpStatusError);
    expect(error).toMatchObject({ status: 404 });
    expect(callsFor(token)).toHaveLength(1);
  });

  it('waits with full-jitter exponential backoff capped by maxDelayMs', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'errcode', errcode: -1 });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const options = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300, random: () => 0.5, sleep };
    await expect(query(token, options)).rejects.toBeInstanceOf(WeChatApiError);
    expect(waits).toEqual([50, 100, 150]);
  });
});

describe('queryQuota bad payloads', () => {
  it('turns an HTML proxy page into WeChatBadPayloadError with a short excerpt, not retried', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'html' });
    const error = await query(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatBadPayloadError);
    const { excerpt } = error as WeChatBadPayloadError;
    expect(excerpt).toContain('502 Bad Gateway');
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(callsFor(token)).toHaveLength(1);
  });

  it.each([
    ['truncated JSON', '{"errcode":0,"rest":'],
    ['a JSON array', '[1,2,3]'],
    ['null', 'null'],
    ['a missing field', '{"errcode":0,"rest":1,"limit":2,"speedup_rest":0}'],
    ['a negative count', '{"errcode":0,"rest":-1,"limit":2,"speedup_rest":0,"speedup_limit":0}'],
    ['a fractional count', '{"errcode":0,"rest":1.5,"limit":2,"speedup_rest":0,"speedup_limit":0}'],
    ['a count as a string', '{"errcode":0,"rest":"1","limit":2,"speedup_rest":0,"speedup_limit":0}'],
    ['errcode as a string', '{"errcode":"40001","errmsg":"x"}'],
  ])('rejects %s as a bad payload', async (_label, body) => {
    const token = newToken();
    fake.respond(token, { kind: 'garbage', body });
    await expect(query(token)).rejects.toBeInstanceOf(WeChatBadPayloadError);
    expect(callsFor(token)).toHaveLength(1);
  });

  it('stops reading a body larger than maxBodyBytes', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'oversized', bytes: 50_000 });
    const error = await query(token, { maxBodyBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatBadPayloadError);
    expect((error as Error).message).toMatch(/exceeded 1024 bytes/);
  });
});

describe('queryQuota transport failures', () => {
  it('reports a reset connection as kind reset, after retrying', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'reset' });
    const error = await query(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatTransportError);
    expect(error).toMatchObject({ kind: 'reset' });
    expect(callsFor(token)).toHaveLength(3);
  });

  it('reports a closed port as kind refused', async () => {
    const port = await closedPort();
    const error = await query('any', { baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatTransportError);
    expect(error).toMatchObject({ kind: 'refused' });
  });

  it('times out a hanging server after requestTimeoutMs', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'hang' });
    const started = Date.now();
    await expect(query(token, { requestTimeoutMs: 100, maxAttempts: 1 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out a body that drips forever, though bytes keep arriving', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'slow-drip', intervalMs: 10 });
    const started = Date.now();
    await expect(query(token, { requestTimeoutMs: 150, maxAttempts: 1 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('queryQuota time budget and cancellation', () => {
  it('stops retrying when another attempt would overrun the total budget', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'hang' });
    const started = Date.now();
    const options = { requestTimeoutMs: 150, totalBudgetMs: 400, maxAttempts: 5 };
    await expect(query(token, options)).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(400 + 100);
    expect(callsFor(token)).toHaveLength(2);
  });

  it('never starts a retry that could not finish inside the budget', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'errcode', errcode: -1 });
    await expect(query(token, { requestTimeoutMs: 1000, totalBudgetMs: 900 })).rejects.toMatchObject({ errcode: -1 });
    expect(callsFor(token)).toHaveLength(1);
  });

  it('rejects with the abort reason as soon as the caller aborts a hanging request', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'hang' });
    const started = Date.now();
    const error = await withClient({}, (client) =>
      client.queryQuota(token, { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(callsFor(token)).toHaveLength(1);
  });

  it('interrupts the backoff wait when the caller aborts', async () => {
    const token = newToken();
    fake.respond(token, { kind: 'errcode', errcode: -1 });
    const controller = new AbortController();
    // A wait that never ends by itself: only the abort can end this call.
    const sleep = () => {
      controller.abort();
      return new Promise<void>(() => {});
    };
    const error = await withClient({ sleep }, (client) =>
      client.queryQuota(token, { signal: controller.signal }).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(callsFor(token)).toHaveLength(1);
  });

  it('makes no call at all when the signal is already aborted', async () => {
    const token = newToken();
    fake.setQuota(token, QUOTA);
    const error = await withClient({}, (client) =>
      client.queryQuota(token, { signal: AbortSignal.abort() }).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(callsFor(token)).toHaveLength(0);
  });
});

describe('close', () => {
  it('refuses queries after close and tolerates a second close', async () => {
    const logger = createLogger({ level: 'silent' });
    const client = createWeChatClient({ baseUrl: fake.url, logger });
    await client.close();
    await client.close();
    await expect(client.queryQuota('x')).rejects.toBeInstanceOf(WeChatTransportError);
  });

  it('leaves an injected dispatcher open for its owner', async () => {
    const token = newToken();
    fake.setQuota(token, QUOTA);
    const agent = new Agent();
    const logger = createLogger({ level: 'silent' });
    await createWeChatClient({ baseUrl: fake.url, logger, dispatcher: agent }).close();
    const other = createWeChatClient({ baseUrl: fake.url, logger, dispatcher: agent });
    await expect(other.queryQuota(token)).resolves.toMatchObject({ rest: 8 });
    expect(agent.closed).toBe(false);
    await agent.close();
  });
});

/** A loopback port nothing listens on: bind one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
