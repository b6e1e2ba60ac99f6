import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { requestScope } from '../../src/logging/request-context.js';
import { findProvider } from '../../src/store/providers.js';
import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { signSlackBody, slashCommandBody } from '../helpers/slack-requests.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/start-bot.js';
import { signPush, ticketMessage } from '../helpers/wechat-push.js';

type Line = Record<string, unknown> & { reqId?: string; msg?: string };

/** Sends `/quota TEXT` as Slack does and returns the request id the bot answered with. */
async function command(t: TestBot, text: string): Promise<string> {
  const body = slashCommandBody({ text, teamId: FAKE_TEAM_ID, responseUrl: t.slack.responseUrl(`rid-${text}`) });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${t.baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackBody(SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  expect(res.status).toBe(200);
  await res.text();
  return res.headers.get('x-request-id') ?? '';
}

describe('request ids in log lines', () => {
  let t: TestBot;
  let lines: Line[] = [];
  let alphaId = '';
  let betaId = '';
  let betaProviderId = '';

  beforeAll(async () => {
    t = await startTestBot();
    t.wechat.setQuota('reqid-alpha-token', { rest: 9, limit: 20, speedup_rest: 1, speedup_limit: 3 });
    t.wechat.respond('reqid-beta-token', { kind: 'errcode', errcode: 48001, errmsg: 'api unauthorized' });
    await t.addProvider('Alpha', 'reqid-alpha-token');
    await t.addProvider('Beta', 'reqid-beta-token');
    betaProviderId = (await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Beta'))?.id ?? '';
    // Slow enough that both commands are in flight at once, their log lines interleaved.
    t.wechat.setLatency(150);
    t.logs.length = 0;
    [alphaId, betaId] = await Promise.all([command(t, 'Alpha'), command(t, 'Beta')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    lines = t.logs.map((text) => JSON.parse(text) as Line);
  }, 20_000);

  afterAll(async () => {
    await t?.close();
  });

  it('two concurrent commands carry two distinct ids, echoed in x-request-id', () => {
    expect(alphaId).toMatch(/^[0-9a-f]{12}-[0-9a-f]{8,}$/);
    expect(betaId).toMatch(/^[0-9a-f]{12}-[0-9a-f]{8,}$/);
    expect(alphaId).not.toBe(betaId);
    // The two requests really overlapped: both asked WeChat before either got its answer.
    const asked = t.wechat.calls.filter((c) => c.token?.startsWith('reqid-')).map((c) => c.at);
    const firstAnswer = lines.find((l) => String(l.msg).startsWith('wechat attempt'));
    expect(asked).toHaveLength(2);
    expect(Math.max(...asked)).toBeLessThan(Date.parse(String(firstAnswer?.time)));
  });

  it('what the listener logs about a request carries that request’s id, not the other’s', () => {
    const failure = lines.filter((l) => l.msg === 'quota check failed');
    expect(failure).toHaveLength(1);
    expect(failure[0]?.reqId).toBe(betaId);
    expect(failure[0]?.providerId).toBe(betaProviderId);
    expect(lines.filter((l) => l.reqId === alphaId && l.msg === 'quota check failed')).toEqual([]);
  });

  it('a WeChat push gets its own id, or the proxy’s x-request-id when it sends a sane one', async () => {
    const push = signPush({
      token: 'unknownPushToken1',
      encodingAesKey: 'UnknownAesKey0123456789abcdefghijklmnopqrst',
      appId: 'wx00000000000000ff',
      message: ticketMessage('wx00000000000000ff', 'some-ticket'),
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${t.baseUrl}/wechat/callback?${push.query}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml', ...headers },
        body: push.body,
      });
    const before = t.logs.length;
    const proxied = await post({ 'x-request-id': 'lb-4f2a9c11-proxy' });
    const forged = await post({ 'x-request-id': 'no spaces {"allowed"}' });
    expect(proxied.status).toBeGreaterThanOrEqual(400);
    expect(proxied.headers.get('x-request-id')).toBe('lb-4f2a9c11-proxy');
    const own = forged.headers.get('x-request-id') ?? '';
    expect(own).toMatch(/^[0-9a-f]{12}-[0-9a-f]{8,}$/);
    const rejected = t.logs
      .slice(before)
      .map((text) => JSON.parse(text) as Line)
      .filter((l) => l.msg === 'wechat push rejected');
    expect(rejected.map((l) => l.reqId)).toEqual(['lb-4f2a9c11-proxy', own]);
  });

  it('lines outside any request carry no id', () => {
    const started = t.logs.map((text) => JSON.parse(text) as Line);
    expect(started.filter((l) => l.msg === 'quota-bot listening')).toEqual([]);
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
    logger.info('outside');
    expect(JSON.parse(lines[0] ?? '{}')).not.toHaveProperty('reqId');
  });
});

describe('request scope', () => {
  it('binds the Bolt context’s reqId to a child logger; a context without one gets a fresh id', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const given = requestScope(logger, { reqId: 'req-one-0001' });
    const fresh = requestScope(logger, {});
    given.logger.info({ job: 'nightly' }, 'inside');
    fresh.logger.info('fresh');
    logger.info('outside');
    const [inside, other, outside] = lines.map((line) => JSON.parse(line) as Line);
    expect(inside).toMatchObject({ reqId: 'req-one-0001', job: 'nightly' });
    expect(other?.reqId).toMatch(/^[0-9a-f]{12}-[0-9a-f]{8,}$/);
    expect(outside).not.toHaveProperty('reqId');
  });
});
