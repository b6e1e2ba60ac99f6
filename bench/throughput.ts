/**
 * Throughput and latency of a warm-cache `/quota`, as ratios to the two anchors measured in the same run:
 *   plain-http  node:http verifying the signature and answering (the physical limit)
 *   bare-bolt   a bare Bolt app with default options acking a constant (the framework anchor)
 *   quota-bot   the real app: SQLite in a temp dir, one provider stored, quota cache warm, fakes in another process
 * Every server is built JS run with plain node, pinned alone to CPU 0; wrk (1 thread) runs on CPU 1. Rounds are
 * interleaved (for each round, for each connection count: plain-http, bare-bolt, quota-bot) and medians reported.
 * CPU per request comes from the server's /proc/PID/stat (user + system, all threads) over each measurement: on a
 * busy machine it is steadier than requests/s.
 *
 * Usage: npm run bench:throughput -- [--rounds 5] [--duration 10] [--warmup 5] [--connections 10,100]
 *        [--servers plain-http,bare-bolt,quota-bot] [--record] [--out DIR] [--smoke]
 * --record rewrites this benchmark's section of BENCHMARKS.md; results always go to bench/results/throughput-latest.*.
 */
import {
  buildBenchServers,
  cpuMs,
  type Fakes,
  pinSelfToLoadCpu,
  type RunningServer,
  serverSpecs,
  startFakes,
  startServer,
  useResponseUrl,
} from './lib/processes.js';
import {
  environment,
  flags,
  fmt,
  listFlag,
  markdownTable,
  median,
  numberFlag,
  outDir,
  ratio,
  recordInBenchmarksMd,
  writeResults,
} from './lib/report.js';
import { hasWrk, runWrk, type WrkResult } from './lib/wrk.js';

const args = flags({
  rounds: { type: 'string', default: '5' },
  duration: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '5' },
  connections: { type: 'string', default: '10,100' },
  servers: { type: 'string', default: 'plain-http,bare-bolt,quota-bot' },
  out: { type: 'string' },
});
const smoke = args.smoke === true;
const rounds = smoke ? 1 : numberFlag(args.rounds, 'rounds');
const duration = smoke ? 0.3 : numberFlag(args.duration, 'duration');
const warmup = smoke ? 0 : numberFlag(args.warmup, 'warmup');
const connections = smoke ? [4] : listFlag(args.connections).map((c) => numberFlag(c, 'connections'));
const serverNames = listFlag(args.servers);

interface Sample {
  round: number;
  server: string;
  connections: number;
  wrk: WrkResult;
  cpuUsPerRequest: number;
}

if (!(await hasWrk())) throw new Error('wrk is not installed: apt-get update && apt-get install -y wrk');
pinSelfToLoadCpu();
const env = environment();
console.log(`throughput: ${env}`);
buildBenchServers();

const fakes: Fakes = await startFakes();
useResponseUrl(fakes.responseUrl);
const specs = serverSpecs(fakes);
const servers: RunningServer[] = [];
const samples: Sample[] = [];
let wechatCallsDuringLoad = 0;
try {
  for (const name of serverNames) {
    const spec = specs[name];
    if (!spec) throw new Error(`unknown server ${name}; known: ${Object.keys(specs).join(', ')}`);
    servers.push(await startServer(spec));
  }
  if (warmup > 0) {
    for (const server of servers) await runWrk(server.url, Math.max(...connections), warmup);
  }
  const wechatBefore = (await fakes.stats()).wechatCalls;
  for (let round = 1; round <= rounds; round++) {
    for (const conns of connections) {
      for (const server of servers) {
        const cpuBefore = cpuMs(server.pid);
        const wrk = await runWrk(server.url, conns, duration);
        const cpuUsed = cpuMs(server.pid) - cpuBefore;
        const sample = {
          round,
          server: server.name,
          connections: conns,
          wrk,
          cpuUsPerRequest: (cpuUsed * 1000) / wrk.requests,
        };
        samples.push(sample);
        console.log(
          `round ${round} c=${conns} ${server.name.padEnd(10)} ${fmt(wrk.rps, 0).padStart(7)} req/s  ` +
            `p50 ${fmt(wrk.latencyMs.p50, 2)} ms  p99 ${fmt(wrk.latencyMs.p99, 2)} ms  ` +
            `CPU ${fmt(sample.cpuUsPerRequest, 1)} µs/req  errors ${wrk.errorCount}`,
        );
      }
    }
  }
  wechatCallsDuringLoad = (await fakes.stats()).wechatCalls - wechatBefore;
} finally {
  for (const server of servers) await server.stop();
  await fakes.stop();
}

// Medians per server and connection count, then ratios to the anchors.
interface Summary {
  server: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
  errors: number;
  requests: number;
}
const summaries: Summary[] = [];
for (const conns of connections) {
  for (const name of serverNames) {
    const mine = samples.filter((s) => s.server === name && s.connections === conns);
    summaries.push({
      server: name,
      connections: conns,
      rps: median(mine.map((s) => s.wrk.rps)),
      p50: median(mine.map((s) => s.wrk.latencyMs.p50)),
      p99: median(mine.map((s) => s.wrk.latencyMs.p99)),
      cpuUs: median(mine.map((s) => s.cpuUsPerRequest)),
      errors: mine.reduce((sum, s) => sum + s.wrk.errorCount, 0),
      requests: mine.reduce((sum, s) => sum + s.wrk.requests, 0),
    });
  }
}
const find = (server: string, conns: number) => summaries.find((s) => s.server === server && s.connections === conns);

const table: string[][] = [
  [
    'server',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'errors',
    '× bare Bolt req/s',
    '× bare Bolt p99',
    '× plain http req/s',
  ],
];
for (const s of summaries) {
  const bolt = find('bare-bolt', s.connections);
  const plain = find('plain-http', s.connections);
  table.push([
    s.server,
    String(s.connections),
    fmt(s.rps, 0),
    fmt(s.p50, 2),
    fmt(s.p99, 2),
    fmt(s.cpuUs, 1),
    String(s.errors),
    bolt ? ratio(s.rps, bolt.rps) : '—',
    bolt ? ratio(s.p99, bolt.p99) : '—',
    plain ? ratio(s.rps, plain.rps) : '—',
  ]);
}

const verdicts: string[] = [];
for (const conns of connections) {
  const bot = find('quota-bot', conns);
  const bolt = find('bare-bolt', conns);
  if (!bot || !bolt) continue;
  const rpsOk = bot.rps >= 0.8 * bolt.rps;
  const p99Ok = bot.p99 <= 1.5 * bolt.p99;
  verdicts.push(
    `- ${conns} connections: req/s ${ratio(bot.rps, bolt.rps)} of bare Bolt (target ≥ 0.80×) ${rpsOk ? 'met' : 'NOT met'}; ` +
      `p99 ${ratio(bot.p99, bolt.p99)} (target ≤ 1.50×) ${p99Ok ? 'met' : 'NOT met'}; ` +
      `CPU per request ${ratio(bot.cpuUs, bolt.cpuUs)}; errors ${bot.errors} ${bot.errors === 0 ? '(met)' : '(NOT met)'}`,
  );
}
if (serverNames.includes('quota-bot')) {
  verdicts.push(`- WeChat calls made by the bot during the measured load: ${wechatCallsDuringLoad} (cache TTL 60 s)`);
}

const markdown = [
  '## Throughput: warm-cache `/quota` against bare Bolt and plain `node:http`',
  '',
  `Measured ${env}.`,
  `Method: ${rounds} interleaved round(s) × ${connections.join(' and ')} connections × ${duration} s per server ` +
    `(wrk, 1 thread, ${warmup} s warm-up per server first); medians over rounds. ` +
    'The same signed `/quota` request (fresh timestamp per measurement) for every server; servers are built JS run ' +
    'with plain node. CPU µs/req is the server process’s user+system time divided by requests answered.',
  '',
  markdownTable(table),
  '',
  ...verdicts,
].join('\n');

console.log(`\n${markdown}\n`);
const dir = outDir(args.out);
const written = writeResults(
  'throughput',
  { environment: env, rounds, duration, connections, samples, summaries },
  markdown,
  dir,
);
console.log(`results: ${written}`);
if (args.record === true) {
  recordInBenchmarksMd('throughput', markdown);
  console.log('BENCHMARKS.md: throughput section updated');
}
