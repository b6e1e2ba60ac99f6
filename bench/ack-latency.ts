/**
 * Ack latency of `/quota` while WeChat takes 2 s to answer.
 *
 * Starts the real app (SQLite, createApp) on loopback against the test suite's fake Slack and fake WeChat
 * (2,000 ms latency per call), then:
 *   1. sequential: 30 `/quota` one after another with the cache off (QUOTA_CACHE_TTL_SECONDS=0), each waiting on WeChat;
 *   2. burst: 100 concurrent `/quota` for one provider with a cold cache;
 *   3. warm: 200 sequential `/quota` answered from the cache (answer inline in the ack).
 * Reports ack latency (request sent → HTTP response complete) p50/p99/max, WeChat calls, and answers delivered.
 * Fails (exit 1) when the burst makes more than one WeChat call or any answer is missing.
 * Usage: npm run bench:ack -- [--wechat-ms 2000] [--burst 100] [--smoke]
 *   --wechat-ms 1500 is the issue #5 target run: burst acks under 500 ms at p99, one WeChat call, every answer.
 *   --smoke: a few requests with a 300 ms WeChat, to check the script still works (no timing asserted).
 */
import { parseArgs } from 'node:util';
import { FAKE_TEAM_ID } from '../test/fakes/fake-slack.js';
import type { SlackPost } from '../test/helpers/slack-requests.js';
import { startTestBot, type TestBot } from '../test/helpers/start-bot.js';

const { values: flags } = parseArgs({
  options: {
    'wechat-ms': { type: 'string', default: '2000' },
    burst: { type: 'string', default: '100' },
    smoke: { type: 'boolean', default: false },
  },
});
const WECHAT_LATENCY_MS = flags.smoke ? 300 : Number(flags['wechat-ms']);
const BURST = flags.smoke ? 10 : Number(flags.burst);
const SEQUENTIAL = flags.smoke ? 3 : 30;
const WARM = flags.smoke ? 10 : 200;
const seconds = `${WECHAT_LATENCY_MS / 1000} s`;
const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(label: string, acks: number[], extra: Record<string, number | string>) {
  const row = {
    scenario: label,
    requests: acks.length,
    'ack p50 ms': percentile(acks, 50).toFixed(1),
    'ack p99 ms': percentile(acks, 99).toFixed(1),
    'ack max ms': Math.max(...acks).toFixed(1),
    ...extra,
  };
  return row;
}

async function withBot<T>(env: Record<string, string>, run: (t: TestBot) => Promise<T>): Promise<T> {
  const t = await startTestBot({ env: { LOG_LEVEL: 'warn', ...env } });
  try {
    await t.addProvider('Acme', 'wx-bench-token');
    t.wechat.setQuota('wx-bench-token', QUOTA);
    return await run(t);
  } finally {
    await t.close();
  }
}

/**
 * Every request must get its answer exactly once: inline in the ack (it was ready within the ack budget,
 * e.g. it joined a WeChat call about to finish) or later through its response_url.
 */
async function report(t: TestBot, label: string, results: SlackPost[]) {
  if (results.some((r) => r.status !== 200)) throw new Error(`${label}: an ack failed`);
  const inline = results.filter((r) => JSON.stringify(r.json).includes('8 of 27')).length;
  const expectedLate = results.length - inline;
  await t.slack.waitFor(() => t.slack.responses.length >= expectedLate, 30_000);
  const late = t.slack.responses.filter((r) => String(r.body.text).includes('8 of 27')).length;
  if (inline + late !== results.length) throw new Error(`${label}: ${inline + late} answers for ${results.length}`);
  return summary(
    label,
    results.map((r) => r.ms),
    { 'WeChat calls': t.wechat.calls.length, 'answered inline': inline, 'answered via response_url': late },
  );
}

const rows: Record<string, unknown>[] = [];

rows.push(
  await withBot({ QUOTA_CACHE_TTL_SECONDS: '0' }, async (t) => {
    t.wechat.setLatency(WECHAT_LATENCY_MS);
    const results = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      results.push(await t.command('', { teamId: FAKE_TEAM_ID, responseId: `seq-${i}` }));
    }
    return report(t, `sequential, WeChat ${seconds}, cache off`, results);
  }),
);

rows.push(
  await withBot({}, async (t) => {
    t.wechat.setLatency(WECHAT_LATENCY_MS);
    const results = await Promise.all(
      Array.from({ length: BURST }, (_, i) => t.command('', { teamId: FAKE_TEAM_ID, responseId: `burst-${i}` })),
    );
    const row = await report(t, `${BURST} concurrent, WeChat ${seconds}, cold cache`, results);
    if (t.wechat.calls.length !== 1)
      throw new Error(`burst: ${t.wechat.calls.length} WeChat calls, expected exactly 1`);
    return row;
  }),
);

rows.push(
  await withBot({}, async (t) => {
    await t.command('');
    const results = [];
    for (let i = 0; i < WARM; i++) results.push(await t.command(''));
    return report(t, 'warm cache', results);
  }),
);

console.table(rows);
