import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countOutcomes } from '../../src/digest/run-report.js';
import { saveSubscription } from '../../src/store/subscriptions.js';
import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

// Fault injection on Slack's side: a late /quota answer survives a 429 or 5xx from response_url (bounded retry,
// Retry-After honoured); a mention answer survives a 429 or 5xx from chat.postMessage.

const TOKEN = 'wx-token-slack-faults';
const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };

describe('Slack faults, through the real app', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
    await t.addProvider('Acme', TOKEN);
    t.wechat.setQuota(TOKEN, QUOTA);
    // Slower than the 250 ms ack budget: the answer goes through response_url.
    t.wechat.setLatency(600);
  });
  afterEach(async () => {
    await t.close();
  });

  const attemptsOf = (id: string) => t.slack.responseAttempts.filter((a) => a.id === id);

  it('response_url answers 429 with Retry-After: the answer is delivered after waiting', async () => {
    t.slack.failResponseUrl('r429', [{ status: 429, retryAfterSeconds: 1 }]);
    const ack = await t.command('Acme', { responseId: 'r429' });
    expect(JSON.stringify(ack.json).toLowerCase()).toContain('checking');
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === 'r429'), 12_000);
    const attempts = attemptsOf('r429');
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    // Retry-After: 1 was honoured (generous lower bound, no upper bound).
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(String(t.slack.responses.find((r) => r.id === 'r429')?.body.text)).toContain('8 of 27');
  });

  it('response_url answers 502 then 503: the third attempt delivers the answer', async () => {
    t.slack.failResponseUrl('r5xx', [{ status: 502 }, { status: 503 }]);
    await t.command('Acme', { responseId: 'r5xx' });
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === 'r5xx'), 12_000);
    expect(attemptsOf('r5xx').map((a) => a.status)).toEqual([502, 503, 200]);
  });

  it('response_url keeps failing: at most 3 attempts, then the failure is logged', async () => {
    t.slack.failResponseUrl('rdown', [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    await t.command('Acme', { responseId: 'rdown' });
    await t.slack.waitFor(
      () => t.logs.some((l) => l.includes('could not deliver the /quota answer via response_url')),
      14_000,
    );
    expect(attemptsOf('rdown')).toHaveLength(3);
    expect(t.slack.responses).toHaveLength(0);
  });

  it('response_url answers 404 (expired): not retried', async () => {
    t.slack.failResponseUrl('rgone', [{ status: 404 }, { status: 404 }]);
    await t.command('Acme', { responseId: 'rgone' });
    await t.slack.waitFor(
      () => t.logs.some((l) => l.includes('could not deliver the /quota answer via response_url')),
      12_000,
    );
    expect(attemptsOf('rgone')).toHaveLength(1);
  });

  it('chat.postMessage answers 429 then 503 to a mention: the thread still gets one answer', async () => {
    t.slack.failMethodHttp('chat.postMessage', [{ status: 429, retryAfterSeconds: 1 }, { status: 503 }]);
    const res = await t.mention('<@U0QUOTABOT> quota Acme', { eventId: 'EvSlackFaults1' });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.posts().length === 1, 14_000);
    const attempts = t.slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(attempts.length).toBe(3);
    expect(String(t.slack.posts()[0]?.args.text)).toContain('8 of 27');
  }, 20_000);

  it('chat.postMessage answers 503 then 429 to a digest: the run still posts it, once', async () => {
    await saveSubscription(t.bot.database.db, {
      teamId: FAKE_TEAM_ID,
      channelId: 'C0DIGEST1',
      schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'UTC' },
      subscribedBy: null,
      now: new Date('2026-11-29T00:00:00Z'),
    });
    t.slack.failMethodHttp('chat.postMessage', [{ status: 503 }, { status: 429, retryAfterSeconds: 1 }]);
    const report = await t.bot.digests.runDue(new Date('2026-11-30T09:00:30Z'));
    expect(countOutcomes(report).posted).toBe(1);
    expect(t.slack.posts().filter((c) => c.args.channel === 'C0DIGEST1')).toHaveLength(1);
    expect(t.slack.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(3);
  }, 20_000);
});
