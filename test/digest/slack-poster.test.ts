import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSchedulerWebClient, createSlackPoster } from '../../src/digest/slack-poster.js';
import { createLogger } from '../../src/logging/logger.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';

const message = (text: string) => ({ text, blocks: [] });
const logger = createLogger({ level: 'silent' });

describe('slack poster', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    await slack.close();
  });
  const poster = (
    options: Parameters<typeof createSlackPoster>[0]['options'],
    sleep?: (ms: number) => Promise<void>,
  ) => {
    const client = createSchedulerWebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    return createSlackPoster({
      clientFor: () => client,
      logger,
      ...(options ? { options } : {}),
      ...(sleep ? { sleep } : {}),
    });
  };

  it('waits out a 429’s Retry-After for that channel and then posts, while other channels go on', async () => {
    slack.limitPostsPerChannel({ minIntervalMs: 800, retryAfterSeconds: 1 });
    const p = poster({ channelIntervalMs: 0 });
    const started = Date.now();
    const results = await Promise.all([
      p.post('T1', 'C0000000A1', message('one')),
      p.post('T1', 'C0000000A1', message('two')),
      p.post('T1', 'C0000000B1', message('other channel')),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(slack.posts().map((c) => c.args.text)).toEqual(['one', 'other channel', 'two']);
    expect(slack.calls.filter((c) => c.rateLimited)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('paces posts to one channel about a second apart, so Slack never has to say 429', async () => {
    slack.limitPostsPerChannel({ minIntervalMs: 150, retryAfterSeconds: 30 });
    const p = poster({ channelIntervalMs: 200 });
    await Promise.all([1, 2, 3].map((n) => p.post('T1', 'C0000000A1', message(`m${n}`))));
    expect(slack.posts()).toHaveLength(3);
    expect(slack.calls.filter((c) => c.rateLimited)).toEqual([]);
  });

  it('does not wait out a Retry-After longer than a minute: the post is left for a later tick', async () => {
    slack.limitPostsPerChannel({ minIntervalMs: 10_000, retryAfterSeconds: 600 });
    const waits: number[] = [];
    const p = poster({ channelIntervalMs: 0 }, async (ms) => {
      waits.push(ms);
    });
    await p.post('T1', 'C0000000A1', message('first'));
    const second = await p.post('T1', 'C0000000A1', message('second'));
    expect(second).toEqual({ ok: false, reason: 'transient', error: 'ratelimited' });
    expect(waits).toEqual([]);
  });

  it('classifies channel errors, which pause a subscription, apart from transient ones', async () => {
    slack.failChannel('C0000000A1', 'not_in_channel');
    slack.failChannel('C0000000B1', 'is_archived');
    slack.failChannel('C0000000C1', 'fatal_error');
    const p = poster({ channelIntervalMs: 0 });
    expect(await p.post('T1', 'C0000000A1', message('x'))).toEqual({
      ok: false,
      reason: 'channel',
      error: 'not_in_channel',
    });
    expect(await p.post('T1', 'C0000000B1', message('x'))).toEqual({
      ok: false,
      reason: 'channel',
      error: 'is_archived',
    });
    expect(await p.post('T1', 'C0000000C1', message('x'))).toEqual({
      ok: false,
      reason: 'transient',
      error: 'fatal_error',
    });
  });
});
