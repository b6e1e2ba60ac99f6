import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const posts = (t: TestBot) => t.slack.calls.filter((c) => c.method === 'chat.postMessage');

describe('@bot mentions end to end', () => {
  const bots: TestBot[] = [];
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.close()));
  });
  async function start(env?: Record<string, string>) {
    const t = await startTestBot(env ? { env } : {});
    bots.push(t);
    return t;
  }

  it('answers `@bot quota` in the thread of the mention with the numbers', async () => {
    const t = await start();
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', { rest: 2, limit: 27, speedup_rest: 0, speedup_limit: 3 });

    const res = await t.mention(`<@${FAKE_BOT_USER_ID}> quota`, { eventId: 'Ev0001' });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => posts(t).length === 1);

    const post = posts(t)[0]?.args as { channel: string; thread_ts: string; text: string; blocks: unknown[] };
    expect(post.channel).toBe('C0CHANNEL1');
    expect(post.thread_ts).toBe('1700000000.000100');
    expect(post.text).toContain('2 of 27');
    assertWithinBlockKitLimits(post);
  });

  it('answers `@bot help` with usage, in an existing thread', async () => {
    const t = await start();
    await t.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0002', threadTs: '1699999999.000001' });
    await t.slack.waitFor(() => posts(t).length === 1);
    const post = posts(t)[0]?.args as { thread_ts: string; text: string; blocks: unknown[] };
    expect(post.thread_ts).toBe('1699999999.000001');
    expect(JSON.stringify(post.blocks)).toContain('/quota');
  });

  it('answers a mention once when Slack retries the same event_id', async () => {
    const t = await start();
    await t.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0003' });
    await t.slack.waitFor(() => posts(t).length === 1);
    await t.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0003', retryNum: 1 });
    await t.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0003', retryNum: 2 });
    await t.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0004' });
    await t.slack.waitFor(() => posts(t).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posts(t)).toHaveLength(2);
  });

  it('still recognises a retry after a restart on the same database', async () => {
    const first = await start();
    await first.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0005' });
    await first.slack.waitFor(() => posts(first).length === 1);
    const databaseUrl = `sqlite:${first.bot.config.database.kind === 'sqlite' ? first.bot.config.database.path : ''}`;
    await first.bot.stop();

    const second = await start({ DATABASE_URL: databaseUrl });
    await second.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0005', retryNum: 1 });
    await second.mention(`<@${FAKE_BOT_USER_ID}> help`, { eventId: 'Ev0006' });
    await second.slack.waitFor(() => posts(second).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posts(second)).toHaveLength(1);
  });
});
