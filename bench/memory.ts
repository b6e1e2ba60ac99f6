/**
 * Memory under load: resident set size (RSS, from /proc) of each server, fresh process per measurement, after
 * `--duration` seconds of warm-cache `/quota` load, as a ratio to bare Bolt; then a soak of `--soak` seconds on the
 * bot (and bare Bolt, for reference) sampling RSS every `--sample` seconds to show whether it stays flat.
 * Rounds are interleaved (for each round: plain-http, bare-bolt, quota-bot) and medians reported.
 *
 * Flat means: over the soak after its first third (allocator and JIT warm-up), RSS grows by less than 5% and the
 * least-squares slope is under 1 MiB per minute.
 *
 * Usage: npm run bench:memory -- [--rounds 3] [--duration 60] [--connections 100] [--soak 120] [--sample 5]
 *        [--servers plain-http,bare-bolt,quota-bot] [--soak-servers bare-bolt,quota-bot] [--record] [--out DIR] [--smoke]
 * The recorded run uses --soak 300. wrk runs in segments of at most 60 s so each signature stays fresh.
 */
import {
  buildBenchServers,
  pinSelfToLoadCpu,
  rssMiB,
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
import { hasWrk, runWrk } from './lib/wrk.js';

const args = flags({
  rounds: { type: 'string', default: '3' },
  duration: { type: 'string', default: '60' },
  connections: { type: 'string', default: '100' },
  soak: { type: 'string', default: '120' },
  sample: { type: 'string', default: '5' },
  servers: { type: 'string', default: 'plain-http,bare-bolt,quota-bot' },
  'soak-servers': { type: 'string', default: 'bare-bolt,quota-bot' },
  out: { type: 'string' },
});
const smoke = args.smoke === true;
const rounds = smoke ? 1 : numberFlag(args.rounds, 'rounds');
const duration = smoke ? 1 : numberFlag(args.duration, 'duration');
const connections = smoke ? 4 : numberFlag(args.connections, 'connections');
const soak = smoke ? 0 : numberFlag(args.soak, 'soak');
const sampleEvery = smoke ? 1 : numberFlag(args.sample, 'sample');
const serverNames = listFlag(args.servers);
const soakNames = listFlag(args['soak-servers']);
const SEGMENT_S = 60;

if (!(await hasWrk())) throw new Error('wrk is not installed: apt-get update && apt-get install -y wrk');
pinSelfToLoadCpu();
const env = environment();
console.log(`memory: ${env}`);
buildBenchServers();
const fakes = await startFakes();
useResponseUrl(fakes.responseUrl);
const specs = serverSpecs(fakes);

interface Trace {
  server: string;
  idleMiB: number;
  /** [seconds since load started, RSS MiB] */
  samples: Array<[number, number]>;
  afterMiB: number;
  peakMiB: number;
  requests: number;
  errors: number;
}

/** Fresh server, `seconds` of load in ≤ 60 s wrk segments, RSS sampled every `sampleEvery` s. */
async function loadAndSample(name: string, seconds: number): Promise<Trace> {
  const spec = specs[name];
  if (!spec) throw new Error(`unknown server ${name}`);
  const server = await startServer(spec);
  try {
    const idleMiB = rssMiB(server.pid);
    const samples: Array<[number, number]> = [[0, idleMiB]];
    const started = performance.now();
    const timer = setInterval(() => {
      samples.push([(performance.now() - started) / 1000, rssMiB(server.pid)]);
    }, sampleEvery * 1000);
    let requests = 0;
    let errors = 0;
    try {
      for (let left = seconds; left > 0; left -= SEGMENT_S) {
        const result = await runWrk(server.url, connections, Math.min(SEGMENT_S, left));
        requests += result.requests;
        errors += result.errorCount;
      }
    } finally {
      clearInterval(timer);
    }
    const afterMiB = rssMiB(server.pid);
    samples.push([(performance.now() - started) / 1000, afterMiB]);
    return {
      server: name,
      idleMiB,
      samples,
      afterMiB,
      peakMiB: Math.max(...samples.map((s) => s[1])),
      requests,
      errors,
    };
  } finally {
    await server.stop();
  }
}

/** Growth and slope over the soak after its first third. */
function flatness(trace: Trace) {
  const total = trace.samples.at(-1)?.[0] ?? 0;
  const late = trace.samples.filter(([t]) => t >= total / 3);
  const first = late[0]?.[1] ?? Number.NaN;
  const last = late.at(-1)?.[1] ?? Number.NaN;
  const n = late.length;
  const mt = late.reduce((s, [t]) => s + t, 0) / n;
  const mr = late.reduce((s, [, r]) => s + r, 0) / n;
  const cov = late.reduce((s, [t, r]) => s + (t - mt) * (r - mr), 0);
  const vt = late.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  const slopePerMin = vt > 0 ? (cov / vt) * 60 : Number.NaN;
  const growthPct = ((last - first) / first) * 100;
  return { first, last, growthPct, slopePerMin, flat: growthPct < 5 && slopePerMin < 1 };
}

const traces: Trace[] = [];
const soaks: Trace[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    for (const name of serverNames) {
      const trace = await loadAndSample(name, duration);
      traces.push(trace);
      console.log(
        `round ${round} ${name.padEnd(10)} idle ${fmt(trace.idleMiB)} MiB  after ${duration} s ${fmt(trace.afterMiB)} MiB  ` +
          `peak ${fmt(trace.peakMiB)} MiB  ${trace.requests} requests  errors ${trace.errors}`,
      );
    }
  }
  if (soak > 0) {
    for (const name of soakNames) {
      const trace = await loadAndSample(name, soak);
      soaks.push(trace);
      const f = flatness(trace);
      console.log(
        `soak ${name.padEnd(10)} ${soak} s: ${fmt(f.first)} → ${fmt(f.last)} MiB after the first third ` +
          `(${fmt(f.growthPct)}%, ${fmt(f.slopePerMin, 2)} MiB/min) ${f.flat ? 'flat' : 'NOT flat'}`,
      );
    }
  }
} finally {
  await fakes.stop();
}

const table: string[][] = [
  ['server', 'idle MiB', `after ${duration} s MiB`, 'peak MiB', 'errors', '× bare Bolt (after load)'],
];
const bolt = median(traces.filter((t) => t.server === 'bare-bolt').map((t) => t.afterMiB));
for (const name of serverNames) {
  const mine = traces.filter((t) => t.server === name);
  const after = median(mine.map((t) => t.afterMiB));
  table.push([
    name,
    fmt(median(mine.map((t) => t.idleMiB))),
    fmt(after),
    fmt(median(mine.map((t) => t.peakMiB))),
    String(mine.reduce((s, t) => s + t.errors, 0)),
    ratio(after, bolt),
  ]);
}
const soakTable: string[][] = [
  ['server', 'soak s', 'RSS at 1/3 MiB', 'RSS at end MiB', 'growth', 'slope MiB/min', 'flat'],
];
for (const trace of soaks) {
  const f = flatness(trace);
  soakTable.push([
    trace.server,
    String(soak),
    fmt(f.first),
    fmt(f.last),
    `${fmt(f.growthPct)}%`,
    fmt(f.slopePerMin, 2),
    f.flat ? 'yes' : 'NO',
  ]);
}
const bot = median(traces.filter((t) => t.server === 'quota-bot').map((t) => t.afterMiB));
const botSoak = soaks.find((t) => t.server === 'quota-bot');
const markdown = [
  '## Memory: RSS under warm-cache `/quota` load',
  '',
  `Measured ${env}.`,
  `Method: fresh process per measurement; ${rounds} interleaved round(s) of ${duration} s at ${connections} connections ` +
    `(wrk, 1 thread, segments of ≤ ${SEGMENT_S} s); RSS from /proc/PID/status; medians over rounds. ` +
    `Soak: ${soak} s per server, RSS sampled every ${sampleEvery} s; flat = < 5% growth and < 1 MiB/min slope after the first third.`,
  '',
  markdownTable(table),
  '',
  ...(soaks.length > 0 ? [markdownTable(soakTable), ''] : []),
  `- RSS after ${duration} s of load: ${ratio(bot, bolt)} of bare Bolt (target ≤ 1.50×) ${bot <= 1.5 * bolt ? 'met' : 'NOT met'}`,
  ...(botSoak
    ? [
        `- ${soak} s soak: ${flatness(botSoak).flat ? 'flat (met)' : 'NOT flat'}${soak < 300 ? ' — shorter than the 5-minute soak of record' : ''}`,
      ]
    : []),
].join('\n');
console.log(`\n${markdown}\n`);
const written = writeResults(
  'memory',
  { environment: env, rounds, duration, connections, soak, traces, soaks },
  markdown,
  outDir(args.out),
);
console.log(`results: ${written}`);
if (args.record === true) {
  recordInBenchmarksMd('memory', markdown);
  console.log('BENCHMARKS.md: memory section updated');
}
