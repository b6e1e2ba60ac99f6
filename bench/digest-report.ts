/** Writes the digest benchmark's section of BENCHMARKS.md (created if absent; other sections are left alone). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

const FILE = path.resolve(import.meta.dirname, '..', 'BENCHMARKS.md');
const START = '<!-- bench:digest:start -->';
const END = '<!-- bench:digest:end -->';

/** The numbers of one full-size run. */
export interface DigestBenchResults {
  workspaces: number;
  subscriptions: number;
  alerts: number;
  distinctProviders: number;
  wallSeconds: number;
  wechatCalls: number;
  posts: number;
  digestsPosted: number;
  alertsPosted: number;
  rateLimited429: number;
  deliveredInLedger: number;
  peakRssMiB: number;
}

/** Replaces (or appends) the section between the digest markers. */
export function writeBenchmarkSection(r: DigestBenchResults): void {
  const section = `${START}
## Weekly digest run (\`npm run bench:digest\`)

One \`runDue\` (the code behind the minute tick and \`digest run\`) over **${r.subscriptions.toLocaleString('en-US')} subscriptions in
${r.workspaces.toLocaleString('en-US')} workspaces**: 2 providers per workspace (${r.distinctProviders.toLocaleString('en-US')} distinct, 3 weeks of history each), 10
subscribed channels per workspace, and one low-quota alert per workspace that fires for both providers in a channel
that also gets its digest (so ${r.alerts.toLocaleString('en-US')} channels get three posts, paced). SQLite in a temp folder; loopback fakes: Slack allows one post per
second per channel and answers 429 with \`Retry-After: 1\` otherwise; WeChat answers after 50 ms. Production
settings: 8 workspaces at a time, at most 16 posts in flight, posts to one channel ≥ 1.1 s apart. Peak RSS is
\`process.memoryUsage().rss\` sampled every 50 ms, fakes included (same process). Measured ${new Date().toISOString().slice(0, 10)}
on this project's 2-core machine, Node ${process.version}; 1-minute load average when it finished:
${loadavg()[0]?.toFixed(1)} (other processes share the machine: compare runs with similar load).

| measure | value |
|---|---|
| wall time of the run | ${r.wallSeconds} s |
| WeChat calls | ${r.wechatCalls.toLocaleString('en-US')} (= distinct providers: ${r.distinctProviders.toLocaleString('en-US')}) |
| posts accepted by Slack | ${r.posts.toLocaleString('en-US')} (${r.digestsPosted.toLocaleString('en-US')} digests + ${r.alertsPosted.toLocaleString('en-US')} alerts) |
| 429s from the Slack fake | ${r.rateLimited429} |
| deliveries marked delivered in the ledger | ${r.deliveredInLedger.toLocaleString('en-US')} |
| peak RSS | ${r.peakRssMiB} MiB |

The run fails (and writes nothing) unless every digest and alert is posted exactly once and WeChat is called once
per provider.
${END}`;
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, next);
}
