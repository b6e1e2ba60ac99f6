/**
 * One digest run over 10,000 subscriptions in 1,000 workspaces.
 *
 * SQLite in a temp folder; 1,000 workspaces with 2 providers each (2,000 distinct providers, 3 weeks of history
 * each) and 10 subscribed channels each; one channel per workspace also has a low-quota alert that fires, so it
 * gets two posts in the run. Loopback fakes: Slack allows one post per second per channel (429 + Retry-After
 * otherwise), WeChat answers after 50 ms. The run is the bot's own (createDigestEngine → runDue) with production
 * settings. Records wall time, WeChat calls (must equal the distinct providers), posts, 429s, and peak RSS
 * (process.memoryUsage().rss sampled every 50 ms; the fakes run in the same process). Writes BENCHMARKS.md.
 * Usage: npm run bench:digest [-- --workspaces 100]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSecretBox } from '../src/crypto/secret-box.js';
import { createDigestEngine } from '../src/digest/engine.js';
import { countOutcomes } from '../src/digest/run-report.js';
import { createLogger } from '../src/logging/logger.js';
import { openDatabase } from '../src/store/database.js';
import { listDeliveries } from '../src/store/deliveries.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { saveProvider } from '../src/store/providers.js';
import { createStoredTokenSource } from '../src/tokens/access-token-source.js';
import { createWeChatClient } from '../src/wechat/client.js';
import { startBenchSlack, startBenchWeChat } from './digest-fakes.js';
import { writeBenchmarkSection } from './digest-report.js';

const { values } = parseArgs({ options: { workspaces: { type: 'string', default: '1000' } } });
const WORKSPACES = Number(values.workspaces);
const CHANNELS_PER_WORKSPACE = 10;
const PROVIDERS_PER_WORKSPACE = 2;
const WECHAT_LATENCY_MS = 50;
const SLOT = new Date('2026-11-30T01:00:00.000Z'); // Mon 30 Nov, 09:00 Beijing time
const DAY = 86_400_000;

const dir = mkdtempSync(path.join(tmpdir(), 'quota-bot-bench-digest-'));
const logger = createLogger({ level: 'error' });
const database = openDatabase({ kind: 'sqlite', path: path.join(dir, 'bench.db') });
const box = createSecretBox(randomBytes(32));
const [slack, wechatFake] = await Promise.all([startBenchSlack(1000), startBenchWeChat(WECHAT_LATENCY_MS)]);
const wechat = createWeChatClient({ baseUrl: wechatFake.url, logger });

try {
  await migrateToLatest(database.db);
  const seeded = await seed();
  console.log(
    `seeded ${WORKSPACES} workspaces, ${seeded.providers} providers, ${seeded.subscriptions} subscriptions, ${seeded.alerts} alerts`,
  );

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const clock = () => new Date();
  const { runner, quotaAt } = createDigestEngine({
    db: database.db,
    wechat,
    tokens: createStoredTokenSource({ db: database.db, box, clock }),
    clock,
    logger,
    botToken: 'xoxb-bench-digest',
    slackApiUrl: slack.apiUrl,
    quotaTimeZone: 'Asia/Shanghai',
  });
  const started = performance.now();
  const report = await runner.runDue(SLOT, { quota: quotaAt(SLOT) });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const counts = countOutcomes(report);
  // Channel 0 of each workspace gets its digest plus one alert per provider; the others just the digest.
  const expected = (channel: string) => (channel.endsWith('000') ? 1 + PROVIDERS_PER_WORKSPACE : 1);
  const repeated = [...slack.postsByChannel].filter(([channel, n]) => n !== expected(channel)).length;
  let delivered = 0;
  for (let w = 0; w < WORKSPACES; w++)
    delivered += (await listDeliveries(database.db, teamOf(w))).filter((d) => d.status === 'delivered').length;
  const results = {
    workspaces: WORKSPACES,
    subscriptions: seeded.subscriptions,
    alerts: seeded.alerts,
    distinctProviders: seeded.providers,
    wallSeconds: Number((wallMs / 1000).toFixed(1)),
    wechatCalls: wechatFake.stats.calls,
    posts: slack.stats.posts,
    digestsPosted: report.entries.filter((e) => e.kind === 'digest' && e.outcome === 'posted').length,
    alertsPosted: report.entries.filter((e) => e.kind === 'alert' && e.outcome === 'posted').length,
    rateLimited429: slack.stats.rateLimited,
    notPosted: counts.failed + counts.retry + counts.paused + counts.skipped,
    deliveredInLedger: delivered,
    channelsNotPostedAsExpected: repeated,
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
  };
  console.table(results);
  const ok =
    results.wechatCalls === results.distinctProviders &&
    results.digestsPosted === results.subscriptions &&
    results.alertsPosted === results.alerts * PROVIDERS_PER_WORKSPACE &&
    results.posts === results.subscriptions + results.alertsPosted &&
    repeated === 0;
  if (!ok) throw new Error('digest benchmark: the run did not deliver exactly once with one WeChat call per provider');
  if (WORKSPACES === 1000) writeBenchmarkSection(results);
} finally {
  await wechat.close();
  await Promise.all([slack.close(), wechatFake.close(), database.close()]);
  rmSync(dir, { recursive: true, force: true });
}

function teamOf(w: number): string {
  return `T${String(w).padStart(8, '0')}`;
}

async function seed() {
  const now = new Date('2026-11-01T00:00:00Z');
  let providers = 0;
  const subscriptions: Array<Record<string, unknown>> = [];
  const alerts: Array<Record<string, unknown>> = [];
  const snapshots: Array<Record<string, unknown>> = [];
  for (let w = 0; w < WORKSPACES; w++) {
    const teamId = teamOf(w);
    for (let p = 0; p < PROVIDERS_PER_WORKSPACE; p++) {
      const { provider } = await saveProvider(database.db, box, {
        teamId,
        name: `Provider ${p}`,
        credentials: { kind: 'static', token: `wx-${teamId}-${p}` },
        tokenExpiresAt: null,
        now,
      });
      providers += 1;
      for (const [days, rest] of [
        [21, 27],
        [14, 20],
        [7, 14],
      ] as const) {
        snapshots.push({
          id: randomUUID(),
          team_id: teamId,
          provider_id: provider.id,
          rest,
          quota_limit: 27,
          speedup_rest: 3,
          speedup_limit: 3,
          checked_at: new Date(SLOT.getTime() - days * DAY).toISOString(),
        });
      }
    }
    for (let c = 0; c < CHANNELS_PER_WORKSPACE; c++) {
      const channelId = `C${String(w).padStart(6, '0')}${String(c).padStart(3, '0')}`;
      const stamp = now.toISOString();
      subscriptions.push({
        id: randomUUID(),
        team_id: teamId,
        channel_id: channelId,
        weekday: 1,
        hour: 9,
        minute: 0,
        time_zone: 'Asia/Shanghai',
        subscribed_by: null,
        next_due_at: SLOT.toISOString(),
        paused_at: null,
        paused_reason: null,
        created_at: stamp,
        updated_at: stamp,
      });
      if (c === 0) {
        alerts.push({
          id: randomUUID(),
          team_id: teamId,
          channel_id: channelId,
          threshold: 10,
          unit: 'count',
          set_by: null,
          paused_at: null,
          paused_reason: null,
          created_at: stamp,
          updated_at: stamp,
        });
      }
    }
  }
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < subscriptions.length; i += 500)
      await trx
        .insertInto('digest_subscriptions')
        .values(subscriptions.slice(i, i + 500) as never)
        .execute();
    for (let i = 0; i < alerts.length; i += 500)
      await trx
        .insertInto('quota_alerts')
        .values(alerts.slice(i, i + 500) as never)
        .execute();
    for (let i = 0; i < snapshots.length; i += 500)
      await trx
        .insertInto('quota_snapshots')
        .values(snapshots.slice(i, i + 500) as never)
        .execute();
  });
  return { providers, subscriptions: subscriptions.length, alerts: alerts.length };
}
