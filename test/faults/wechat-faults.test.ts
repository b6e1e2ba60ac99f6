import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { FakeBehaviour } from '../fakes/fake-wechat.js';
import type { SlackPost } from '../helpers/slack-requests.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

// Fault injection: WeChat misbehaves in every way the network allows; the user always hears back in plain words,
// within about 10 seconds (WeChat's 9 s budget), through the "checking" ack and then the response_url.

const TOKEN = 'wx-token-SECRET-faults';

/** The message the user finally sees: the ack itself, or — after a "checking" ack — what reached response_url. */
async function finalAnswer(t: TestBot, ack: SlackPost, responseId: string): Promise<string> {
  expect(ack.status).toBe(200);
  const ackText = JSON.stringify(ack.json);
  if (!ackText.toLowerCase().includes('checking')) return ackText;
  await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === responseId), 14_000);
  return JSON.stringify(t.slack.responses.find((r) => r.id === responseId)?.body);
}

async function withBot(run: (t: TestBot) => Promise<void>, env?: Record<string, string>): Promise<void> {
  const t = await startTestBot(env ? { env } : {});
  try {
    await t.addProvider('Acme', TOKEN);
    await run(t);
  } finally {
    await t.close();
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cases: Array<{ name: string; behaviour: FakeBehaviour; says: RegExp }> = [
  { name: 'hangs without answering', behaviour: { kind: 'hang' }, says: /did not answer in time/ },
  { name: 'resets the connection', behaviour: { kind: 'reset' }, says: /could not reach WeChat/ },
  { name: 'answers HTTP 502', behaviour: { kind: 'status', status: 502 }, says: /HTTP error/ },
  { name: 'answers an HTML error page', behaviour: { kind: 'html' }, says: /could not read/ },
  { name: 'sends an oversized body', behaviour: { kind: 'oversized', bytes: 512 * 1024 }, says: /could not read/ },
  {
    name: 'drips the body a byte at a time',
    behaviour: { kind: 'slow-drip', intervalMs: 100 },
    says: /did not answer in time/,
  },
];

describe.concurrent('WeChat faults, through the real app', () => {
  for (const { name, behaviour, says } of cases) {
    it(`WeChat ${name}: the user gets a plain answer, no secret, no numbers`, { timeout: 20_000 }, async () => {
      await withBot(async (t) => {
        t.wechat.respond(TOKEN, behaviour);
        const started = Date.now();
        const ack = await t.command('Acme', { responseId: 'fault' });
        const text = await finalAnswer(t, ack, 'fault');
        expect(text).toMatch(says);
        expect(text).toContain('Acme');
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain('SECRET');
        // Generous: WeChat's budget is 9 s; a busy machine adds a little. Never an endless wait.
        expect(Date.now() - started).toBeLessThan(14_000);
      });
    });
  }

  it('WeChat is unreachable (nothing listens): the user is told the bot could not reach WeChat', async () => {
    const port = await closedPort();
    await withBot(
      async (t) => {
        const ack = await t.command('Acme', { responseId: 'down' });
        const text = await finalAnswer(t, ack, 'down');
        expect(text).toMatch(/could not reach WeChat/);
        expect(text).not.toContain(TOKEN);
      },
      { WECHAT_API_BASE_URL: `http://127.0.0.1:${port}` },
    );
  });

  it('a transient 5xx then a good answer: the user sees the numbers (bounded retry)', async () => {
    await withBot(async (t) => {
      t.wechat.respond(TOKEN, [
        { kind: 'status', status: 503 },
        { kind: 'quota', rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 },
      ]);
      const ack = await t.command('Acme', { responseId: 'flaky' });
      const text = await finalAnswer(t, ack, 'flaky');
      expect(text).toContain('8 of 27');
    });
  });

  it('mentions in a thread get the same plain answer when WeChat hangs', { timeout: 20_000 }, async () => {
    await withBot(async (t) => {
      t.wechat.respond(TOKEN, { kind: 'hang' });
      const res = await t.mention('<@U0QUOTABOT> quota Acme', { eventId: 'EvFaultHang' });
      expect(res.status).toBe(200);
      await t.slack.waitFor(() => t.slack.posts().length === 1, 14_000);
      expect(JSON.stringify(t.slack.posts()[0]?.args)).toMatch(/did not answer in time/);
    });
  });
});
