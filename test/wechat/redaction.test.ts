import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createWeChatClient } from '../../src/wechat/client.js';
import { WeChatError } from '../../src/wechat/errors.js';
import { excerpt, redact } from '../../src/wechat/redact.js';
import { toTransportError } from '../../src/wechat/transport-error.js';
import { type FakeBehaviour, type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';

/** Distinctive enough that any appearance is a leak, with characters that change under URL encoding. */
const TOKEN = '93_LEAKCANARY-zq7+Xw/Kp=';
const ENCODED = encodeURIComponent(TOKEN);

let fake: FakeWeChat;
beforeAll(async () => {
  fake = await startFakeWeChat();
});
afterAll(() => fake.close());

/** Every rendering of an error an operator or a log pipeline might see. */
function renderings(error: unknown): string[] {
  const err = error as Error & { cause?: unknown };
  return [
    err.message,
    err.stack ?? '',
    inspect(err, { depth: 10, showHidden: true }),
    JSON.stringify(err),
    JSON.stringify(err.cause ?? null),
    String(err),
  ];
}

function expectNoToken(texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(ENCODED);
    expect(text).not.toContain('LEAKCANARY');
  }
}

describe('the access token never leaks', () => {
  const echo = `request /wxa/queryquota?access_token=${ENCODED} token ${TOKEN}`;
  const cases: Array<[string, FakeBehaviour, string]> = [
    ['errcode echoing the token', { kind: 'errcode', errcode: 40001, errmsg: echo }, 'WECHAT_API'],
    ['busy errcode (retried)', { kind: 'errcode', errcode: -1, errmsg: echo }, 'WECHAT_API'],
    ['HTTP 500 echoing the token', { kind: 'status', status: 500, body: echo }, 'WECHAT_HTTP_STATUS'],
    ['HTTP 403', { kind: 'status', status: 403, body: echo }, 'WECHAT_HTTP_STATUS'],
    ['HTML page echoing the URL', { kind: 'html' }, 'WECHAT_BAD_PAYLOAD'],
    ['garbage echoing the token', { kind: 'garbage', body: `oops ${echo}` }, 'WECHAT_BAD_PAYLOAD'],
    ['wrong types echoing the token', { kind: 'garbage', body: JSON.stringify({ rest: echo }) }, 'WECHAT_BAD_PAYLOAD'],
    ['oversized body', { kind: 'oversized', bytes: 10_000 }, 'WECHAT_BAD_PAYLOAD'],
    ['reset connection', { kind: 'reset' }, 'WECHAT_TRANSPORT'],
    ['hanging server', { kind: 'hang' }, 'WECHAT_TRANSPORT'],
    ['dripping body', { kind: 'slow-drip', intervalMs: 5 }, 'WECHAT_TRANSPORT'],
  ];

  it.each(cases)('%s: not in the error nor in trace logs', async (_label, behaviour, code) => {
    fake.respond(TOKEN, behaviour);
    const before = fake.calls.length;
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
    const client = createWeChatClient({
      baseUrl: fake.url,
      logger,
      baseDelayMs: 1,
      requestTimeoutMs: 80,
      maxBodyBytes: 2048,
    });
    const error = await client.queryQuota(TOKEN).catch((e: unknown) => e);
    await client.close();

    // The token really went out, so its absence below is redaction, not luck.
    expect(fake.calls.slice(before).map((call) => call.token)).toContain(TOKEN);
    expect(error).toBeInstanceOf(WeChatError);
    expect(error).toMatchObject({ code });
    expect(lines.length).toBeGreaterThan(0);
    expectNoToken([...renderings(error), ...lines]);
  });

  it('refused connection: not in the error nor in trace logs', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
    const client = createWeChatClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, logger, baseDelayMs: 1 });
    const error = await client.queryQuota(TOKEN).catch((e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ code: 'WECHAT_TRANSPORT', kind: 'refused' });
    expectNoToken([...renderings(error), ...lines]);
  });

  it('an undici-style error quoting the URL is summarised without the token', () => {
    const raw = Object.assign(
      new Error(`connect ETIMEDOUT https://api.weixin.qq.com/wxa/queryquota?access_token=${TOKEN}`),
      {
        code: 'UND_ERR_CONNECT_TIMEOUT',
        url: `https://api.weixin.qq.com/wxa/queryquota?access_token=${ENCODED}`,
      },
    );
    const error = toTransportError(raw, [TOKEN]);
    expect(error.kind).toBe('timeout');
    expect(error.cause).not.toBe(raw);
    expectNoToken(renderings(error));
  });
});

describe('redact', () => {
  it('blanks any token query value, raw or encoded literal occurrences, and keeps the rest readable', () => {
    const text = `GET /wxa/queryquota?access_token=${ENCODED}&x=1 then ${TOKEN} and component_access_token=abc`;
    expect(redact(text, [TOKEN])).toBe(
      'GET /wxa/queryquota?access_token=[redacted]&x=1 then [redacted] and component_access_token=[redacted]',
    );
  });

  it('ignores an empty secret instead of shredding the text', () => {
    expect(redact('hello', [''])).toBe('hello');
  });

  it('cuts excerpts to 200 characters after redacting, so no half token survives', () => {
    const text = `${'a'.repeat(190)}${TOKEN}${'b'.repeat(500)}`;
    const cut = excerpt(text, [TOKEN]);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).not.toContain(TOKEN.slice(0, 5));
  });

  it('stays fast on a large body of word characters', () => {
    const started = Date.now();
    redact('x'.repeat(64 * 1024), [TOKEN]);
    expect(Date.now() - started).toBeLessThan(200);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
