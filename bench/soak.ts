/**
 * Soak (issue #7): N minutes (default 10, `--minutes`) of mixed load against the real app (createApp, in this process)
 * on loopback fakes of Slack and WeChat: signed `/quota` commands (warm and cold cache, some slow enough for the
 * response_url path), app mentions, Refresh clicks on quota answers, setup modal submissions, component_verify_ticket
 * pushes to /wechat/callback and a digest tick (runDue) every 10 s with the clock an hour further each time. RSS is sampled every 10 s; every
 * failure (HTTP status, wrong answer, error logged by the bot, digest delivery not posted) is counted. Loops are
 * bounded by the deadline and stop by themselves. `--record` writes the table into BENCHMARKS.md (bench:soak).
 *
 *   npm run bench:soak -- --minutes 2 --record
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { countOutcomes } from '../src/digest/run-report.js';
import { createLogger } from '../src/logging/logger.js';
import { ANSWER_BUTTONS, SETUP_MODAL } from '../src/slack/ids.js';
import { saveProvider } from '../src/store/providers.js';
import { saveSubscription } from '../src/store/subscriptions.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID, startFakeSlack } from '../test/fakes/fake-slack.js';
import { startFakeWeChat } from '../test/fakes/fake-wechat.js';
import { clickButton } from '../test/helpers/block-actions.js';
import { submitView, textValues } from '../test/helpers/slack-interactivity.js';
import { appMentionEnvelope, postSigned, slashCommandBody } from '../test/helpers/slack-requests.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/helpers/start-bot.js';
import { postPush, signPush, ticketMessage } from '../test/helpers/wechat-push.js';
import { markdownTable, recordInBenchmarksMd } from './lib/report.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
    record: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const concurrency = Number(values.concurrency);
if (!(minutes > 0) || !(concurrency > 0)) {
  console.error('usage: tsx bench/soak.ts [--minutes N] [--concurrency C] [--record]');
  process.exit(2);
}

const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };
const COMPONENT = {
  kind: 'component' as const,
  componentAppId: 'wxc0c0c0c0c0c0c0c0',
  componentSecret: 'soak-component-secret',
  authorizerAppId: 'wxa1a1a1a1a1a1a1a1',
  refreshToken: 'soak-refresh-token',
  callbackToken: 'soakPushToken1',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF1',
};
const SAMPLE_MS = 10_000;
const MiB = 1024 * 1024;

const dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-soak-'));
const slack = await startFakeSlack();
const wechat = await startFakeWeChat();
let loggedErrors = 0;
const logger = createLogger({
  level: 'warn',
  destination: {
    write: (line: string) => {
      if (/"level":(50|60)/.test(line)) loggedErrors += 1;
    },
  },
});
const config = loadConfig({
  NODE_ENV: 'test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: slack.apiUrl,
  WECHAT_API_BASE_URL: wechat.url,
  DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  QUOTA_CACHE_TTL_SECONDS: '1',
});
const bot = await createApp(config, { logger, digests: { schedule: false } });
const { port } = await bot.start(0);
const baseUrl = `http://127.0.0.1:${port}`;
const now = new Date();

// Two static providers (the cache expires after 1 s, so both warm and cold answers happen) and a component one.
for (const [name, token] of [
  ['Fast', 'wx-soak-fast'],
  ['Slow', 'wx-soak-slow'],
] as const) {
  await saveProvider(bot.database.db, bot.box, {
    teamId: FAKE_TEAM_ID,
    name,
    credentials: { kind: 'static', token },
    tokenExpiresAt: null,
    now,
  });
  wechat.setQuota(token, QUOTA);
}
await saveProvider(bot.database.db, bot.box, {
  teamId: FAKE_TEAM_ID,
  name: 'Component',
  credentials: COMPONENT,
  tokenExpiresAt: null,
  now,
  configuredBy: FAKE_ADMIN_USER_ID,
});
// 48 channels with a digest each, spread over the hours of today and tomorrow (Asia/Shanghai).
const weekday = (offsetDays: number) => (((now.getUTCDay() + offsetDays + 6) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
for (let i = 0; i < 48; i += 1) {
  await saveSubscription(bot.database.db, {
    teamId: FAKE_TEAM_ID,
    channelId: `C0SOAK${String(i).padStart(3, '0')}`,
    schedule: { weekday: weekday(i < 24 ? 0 : 1), hour: i % 24, minute: 0, timeZone: 'Asia/Shanghai' },
    subscribedBy: null,
    now,
  });
}

const counts = {
  quota: 0,
  lateAnswers: 0,
  mentions: 0,
  refreshes: 0,
  modals: 0,
  pushes: 0,
  digestRuns: 0,
  digestsPosted: 0,
};
const errors = { http: 0, wrongAnswer: 0, digest: 0, thrown: 0 };
const samples: Array<{ atS: number; rssMiB: number; heapMiB: number }> = [];
const started = Date.now();
const deadline = started + minutes * 60_000;
let sequence = 0;
const sample = () => {
  const m = process.memoryUsage();
  samples.push({ atS: Math.round((Date.now() - started) / 1000), rssMiB: m.rss / MiB, heapMiB: m.heapUsed / MiB });
};

async function oneRequest(): Promise<void> {
  sequence += 1;
  const n = sequence;
  const kind = n % 10;
  if (kind < 5) {
    const slow = kind === 4; // the second provider: asked less often, so its cache is more often cold
    const responseId = `soak-${n}`;
    const body = slashCommandBody({
      text: slow ? 'Slow' : 'Fast',
      teamId: FAKE_TEAM_ID,
      responseUrl: slack.responseUrl(responseId),
    });
    const res = await postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/x-www-form-urlencoded');
    counts.quota += 1;
    if (res.status !== 200) errors.http += 1;
    else if (!res.text.includes('8 of 27') && !res.text.includes('Checking')) errors.wrongAnswer += 1;
    if (res.text.includes('Checking')) counts.lateAnswers += 1;
  } else if (kind < 7) {
    const body = appMentionEnvelope({ eventId: `EvSoak${n}`, teamId: FAKE_TEAM_ID, text: '<@U0QUOTABOT> quota Fast' });
    const res = await postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/json');
    counts.mentions += 1;
    if (res.status !== 200) errors.http += 1;
  } else if (kind === 7) {
    // Refresh under an ephemeral answer: acked at once, WeChat asked again (cache bypassed), answer via response_url.
    const res = await clickButton(baseUrl, {
      actionId: ANSWER_BUTTONS.refresh,
      value: 'one:Fast',
      on: { kind: 'ephemeral', responseUrl: slack.responseUrl(`soak-refresh-${n}`) },
    });
    counts.refreshes += 1;
    if (res.status !== 200) errors.http += 1;
  } else if (kind < 9) {
    const push = signPush({
      token: COMPONENT.callbackToken,
      encodingAesKey: COMPONENT.encodingAesKey,
      appId: COMPONENT.componentAppId,
      message: ticketMessage(COMPONENT.componentAppId, `ticket@@@soak-${n}`),
    });
    const res = await postPush(baseUrl, push);
    counts.pushes += 1;
    if (res.status !== 200 || res.text !== 'success') errors.http += 1;
  } else {
    const B = SETUP_MODAL.blocks;
    const res = await submitView(baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: {
        ...textValues({ [B.name]: 'Fast', [B.staticToken]: 'wx-soak-fast' }),
        [B.source]: { value: { type: 'radio_buttons', selected_option: { value: 'static' } } },
      },
    });
    counts.modals += 1;
    if (res.status !== 200) errors.http += 1;
  }
}

async function worker(): Promise<void> {
  while (Date.now() < deadline) {
    await oneRequest().catch(() => {
      errors.thrown += 1;
    });
  }
}

async function digestTicks(): Promise<void> {
  let at = new Date(now.getTime());
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_MS, Math.max(0, deadline - Date.now()))));
    if (Date.now() >= deadline) break;
    at = new Date(at.getTime() + 60 * 60_000);
    try {
      const outcome = countOutcomes(await bot.digests.runDue(at));
      counts.digestRuns += 1;
      counts.digestsPosted += outcome.posted;
      errors.digest += outcome.failed + outcome.retry + outcome.paused;
    } catch {
      errors.digest += 1;
    }
  }
}

async function sampler(): Promise<void> {
  sample();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_MS, Math.max(0, deadline - Date.now()))));
    sample();
    // The fakes record every call; forget them so their memory is not counted as the bot's.
    slack.calls.splice(0);
    slack.responses.splice(0);
    slack.responseAttempts.splice(0);
    wechat.calls.splice(0);
    const last = samples.at(-1);
    process.stderr.write(
      `soak: ${last?.atS}s rss ${last?.rssMiB.toFixed(1)} MiB, ${sequence} requests, errors ${JSON.stringify(errors)}\n`,
    );
  }
}

// Every WeChat call takes 300 ms (past the 250 ms ack budget): a cold cache answers through response_url.
wechat.setLatency(300);
await Promise.all([...Array.from({ length: concurrency }, worker), digestTicks(), sampler()]);
// Let late answers land, then stop the way serve does.
await bot.stop();
await Promise.all([slack.close(), wechat.close()]);
await rm(dir, { recursive: true, force: true });

const elapsedS = (Date.now() - started) / 1000;
const totalRequests = counts.quota + counts.mentions + counts.refreshes + counts.pushes + counts.modals;
const totalErrors = errors.http + errors.wrongAnswer + errors.digest + errors.thrown + loggedErrors;
const first = samples[0]?.rssMiB ?? 0;
const afterWarmUp = samples[Math.min(samples.length - 1, 1)]?.rssMiB ?? 0;
const lastRss = samples.at(-1)?.rssMiB ?? 0;
const peak = Math.max(...samples.map((s) => s.rssMiB));
const rows = [
  ['measure', 'value'],
  ['duration', `${minutes} min (${elapsedS.toFixed(0)} s), ${concurrency} concurrent clients`],
  ['requests', `${totalRequests} (${(totalRequests / elapsedS).toFixed(1)}/s)`],
  ['`/quota` (of which answered via response_url)', `${counts.quota} (${counts.lateAnswers})`],
  [
    'mentions / Refresh clicks / ticket pushes / setup modal submissions',
    `${counts.mentions} / ${counts.refreshes} / ${counts.pushes} / ${counts.modals}`,
  ],
  ['digest ticks (runDue) / digests posted', `${counts.digestRuns} / ${counts.digestsPosted}`],
  [
    'errors (HTTP / wrong answer / digest / thrown / logged by the bot)',
    `${totalErrors} (${errors.http} / ${errors.wrongAnswer} / ${errors.digest} / ${errors.thrown} / ${loggedErrors})`,
  ],
  [
    'RSS at start / after 10 s / at the end / peak',
    `${first.toFixed(0)} / ${afterWarmUp.toFixed(0)} / ${lastRss.toFixed(0)} / ${peak.toFixed(0)} MiB`,
  ],
  ['RSS growth after the first 10 s', `${(lastRss - afterWarmUp).toFixed(1)} MiB`],
];
const table = markdownTable(rows);
console.log(table);
console.log(`\nRSS samples (s: MiB): ${samples.map((s) => `${s.atS}: ${s.rssMiB.toFixed(0)}`).join(', ')}`);

if (values.record) {
  recordInBenchmarksMd(
    'soak',
    `## Soak (\`npm run bench:soak\`)

Mixed load against the real app (\`createApp\`, in the benchmark's process, SQLite in a temp folder) on loopback
fakes, ${concurrency} clients back to back: of every 10 requests 5 signed \`/quota\` for one of two providers (WeChat
answers in 300 ms, past the 250 ms ack budget, so a cold cache answers through response_url), 2 app mentions (new event ids), 1 Refresh click
under a \`/quota\` answer (cache bypassed, answer via response_url), 1 signed component_verify_ticket push to
\`/wechat/callback\`, 1 \`/quota setup\` modal submission; plus a digest tick (\`runDue\`, the clock an hour further
each time) every 10 s over 48 subscribed channels. Quota cache TTL 1 s. RSS is \`process.memoryUsage().rss\`
sampled every 10 s (fakes and load generator included; their call logs are emptied at each sample). Measured
${new Date().toISOString().slice(0, 10)}, Node ${process.version}; 1-minute load average at the end: ${loadavg()[0]?.toFixed(1)}
(other processes share this 2-core machine). The lead runs the 10-minute version (\`npm run bench:soak -- --record\`).

${table}

RSS samples (s: MiB): ${samples.map((s) => `${s.atS}: ${s.rssMiB.toFixed(0)}`).join(', ')}`,
  );
  console.log('recorded in BENCHMARKS.md (bench:soak)');
}
process.exit(totalErrors === 0 ? 0 : 1);
