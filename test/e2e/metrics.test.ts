import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/observability/metrics.js';
import { saveProvider } from '../../src/store/providers.js';
import { saveSubscription } from '../../src/store/subscriptions.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { type FakeTokenServer, startTokenServer } from '../helpers/central-token-server.js';
import { BOT_TOKEN, startTestBot, type TestBot } from '../helpers/start-bot.js';

const QUOTA = { rest: 12, limit: 30, speedup_rest: 1, speedup_limit: 3 };
const ACME_TOKEN = 'metrics-acme-token-7f7f';
const BROKEN_TOKEN = 'metrics-broken-token-8e8e';
const CENTRAL_TOKEN = 'metrics-central-token-9d9d';
const BROKEN_CHANNEL = 'C0GONE0001';
const DAY = 24 * 3600 * 1000;

/** The value of one sample line (`name{labels} value`); 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** The next Monday 09:00 Beijing time (01:00 UTC): the slot of the subscriptions below. */
function nextMondayNineInShanghai(): Date {
  const at = new Date();
  at.setUTCHours(1, 0, 0, 0);
  while (at.getUTCDay() !== 1 || at.getTime() <= Date.now()) at.setTime(at.getTime() + DAY);
  return at;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('GET /metrics after real traffic', () => {
  let t: TestBot;
  let tokenServer: FakeTokenServer;
  let scrape: Response;
  let body = '';

  beforeAll(async () => {
    t = await startTestBot({ overrides: { digests: { schedule: false, poster: { channelIntervalMs: 0 } } } });
    tokenServer = await startTokenServer();
    tokenServer.answer({ body: JSON.stringify({ access_token: CENTRAL_TOKEN, expires_in: 7200 }) });
    t.wechat.setQuota(ACME_TOKEN, QUOTA);
    t.wechat.setQuota(CENTRAL_TOKEN, QUOTA);
    t.wechat.respond(BROKEN_TOKEN, { kind: 'errcode', errcode: 48001, errmsg: 'api unauthorized' });
    await t.addProvider('Acme', ACME_TOKEN);
    await t.addProvider('Broken', BROKEN_TOKEN);
    await saveProvider(t.bot.database.db, t.bot.box, {
      teamId: FAKE_TEAM_ID,
      name: 'Globex',
      credentials: { kind: 'central', url: `${tokenServer.url}/token`, header: null },
      tokenExpiresAt: null,
      now: new Date(),
    });

    // Slash commands: a good answer (then the same from the cache), one WeChat refuses, help, a refused subcommand.
    expect(JSON.stringify((await t.command('Acme')).json)).toContain('12');
    await t.command('Acme');
    expect(JSON.stringify((await t.command('Broken')).json)).toContain('Broken');
    await t.command('Globex');
    await t.command('help');
    await t.command('subscribe mon 09:00');
    // A mention, answered in its thread.
    await t.mention('<@U0QUOTABOT> quota Acme', { eventId: 'EvMetrics1' });
    await until(() => t.slack.posts().some((c) => c.args.thread_ts !== undefined));

    // One digest delivered, one to a channel that is gone (paused: given up on).
    t.slack.failChannel(BROKEN_CHANNEL, 'channel_not_found');
    for (const channelId of [FAKE_CHANNEL_ID, BROKEN_CHANNEL]) {
      await saveSubscription(t.bot.database.db, {
        teamId: FAKE_TEAM_ID,
        channelId,
        schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
        subscribedBy: FAKE_ADMIN_USER_ID,
        now: new Date(),
      });
    }
    const report = await t.bot.digests.runDue(nextMondayNineInShanghai());
    expect(report.entries.map((e) => e.outcome).sort()).toEqual(['paused', 'posted']);

    scrape = await fetch(`${t.baseUrl}/metrics`);
    body = await scrape.text();
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await tokenServer?.close();
  });

  it('answers Prometheus text', () => {
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('counts commands by surface, kind and outcome', () => {
    const c = (surface: string, kind: string, outcome: string) =>
      sample(body, `${METRIC_NAMES.commands}{surface="${surface}",kind="${kind}",outcome="${outcome}"}`);
    expect(c('slash', 'one', 'ok')).toBe(3);
    expect(c('slash', 'one', 'failed')).toBe(1);
    expect(c('slash', 'help', 'ok')).toBe(1);
    expect(c('slash', 'subscribe', 'refused')).toBe(1);
    expect(c('mention', 'one', 'ok')).toBe(1);
  });

  it('times every WeChat call by outcome: as many as the fake WeChat saw', () => {
    const h = METRIC_NAMES.wechatSeconds;
    const seen = (token: string) => t.wechat.calls.filter((call) => call.token === token).length;
    // Commands read each provider once (repeats came from the cache); the digest run read each once more.
    expect(seen(ACME_TOKEN)).toBe(2);
    const ok = sample(body, `${h}_count{api="queryquota",outcome="ok"}`);
    expect(ok).toBe(seen(ACME_TOKEN) + seen(CENTRAL_TOKEN));
    expect(sample(body, `${h}_count{api="queryquota",outcome="errcode"}`)).toBe(seen(BROKEN_TOKEN));
    expect(sample(body, `${h}_bucket{le="10",api="queryquota",outcome="ok"}`)).toBe(ok);
    expect(sample(body, `${h}_sum{api="queryquota",outcome="ok"}`)).toBeGreaterThan(0);
  });

  it('counts the central token refresh and the digests delivered and failed', () => {
    expect(tokenServer.requests).toHaveLength(1);
    expect(sample(body, `${METRIC_NAMES.tokenRefreshes}{source="central",outcome="ok"}`)).toBe(1);
    expect(sample(body, `${METRIC_NAMES.digestsDelivered}{kind="digest"}`)).toBe(1);
    expect(sample(body, `${METRIC_NAMES.digestsFailed}{kind="digest"}`)).toBe(1);
  });

  it('includes the default process metrics', () => {
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(body).toContain(`\n${name} `);
    }
  });

  it('reveals no team id, channel, provider name, token or secret', () => {
    for (const text of [
      FAKE_TEAM_ID,
      FAKE_CHANNEL_ID,
      BROKEN_CHANNEL,
      'Acme',
      'Broken',
      'Globex',
      ACME_TOKEN,
      BROKEN_TOKEN,
      CENTRAL_TOKEN,
      BOT_TOKEN,
      tokenServer.url,
    ]) {
      expect(body).not.toContain(text);
    }
  });
});
