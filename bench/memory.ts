/**
 * Memory under load: resident set size (RSS, from /proc) of each server, fresh process per measurement, after
 * `--duration` seconds of warm-cache `/quota` load, as a ratio to bare Bolt; then a soak of `--soak` seconds on the
 * bot (and bare Bolt, for reference) to show whether memory stays flat.
 * Rounds are interleaved (for each round: plain-http, bare-bolt, quota-bot) and medians reported.
 *
 * During the soak each server also runs bench/lib/heap-probe.ts (a full GC every `--sample` seconds, then the live
 * heap is recorded). Flat means: the live heap after GC, median of the last third of the soak against the median of
 * the middle third, grows by less than 5%. RSS is shown the same way; it swings by tens of MiB between GCs (young
 * generation), so single RSS samples say little.
 *
 * Usage: npm run bench:memory -- [--rounds 3] [--duration 60] [--connections 100] [--soak 120] [--sample 5]
 *        [--servers plain-http,bare-bolt,quota-bot] [--soak-servers bare-bolt,quota-bot] [--record] [--out DIR] [--smoke]
 * The recorded run uses --soak 300. wrk runs in segments of at most 60 s so each signature stays fresh.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildBenchServers,
  compiled,
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
const duration = smoke ? 0.3 : numberFlag(args.duration, 'duration');
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
  /** Soak only: [seconds since the server started, live heap after a full GC MiB, RSS MiB] */
  heap: Array<[number, number, number]>;
  afterMiB: number;
  peakMiB: number;
  requests: number;
  errors: number;
}

/** Fresh server, `seconds` of load in ≤ 60 s wrk segments, RSS sampled every `sampleEvery` s. */
async function loadAndSample(name: string, seconds: number, probeHeap = false): Promise<Trace> {
  const plain = specs[name];
  if (!plain) throw new Error(`unknown server ${name}`);
  const probeFile = path.join(tmpdir(), `quota-bot-heap-${process.pid}-${name}.txt`);
  rmSync(probeFile, { force: true });
  const spec = probeHeap
    ? {
        ...plain,
        nodeArgs: ['--expose-gc', '--import', compiled('lib/heap-probe.ts'), ...plain.nodeArgs],
        env: { ...plain.env, HEAP_PROBE_FILE: probeFile, HEAP_PROBE_INTERVAL_MS: String(sampleEvery * 1000) },
      }
    : plain;
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
    const heap = probeHeap ? readHeapProbe(probeFile) : [];
    const peakMiB = Math.max(...samples.map((s) => s[1]));
    return { server: name, idleMiB, samples, heap, afterMiB, peakMiB, requests, errors };
  } finally {
    await server.stop();
    rmSync(probeFile, { force: true });
  }
}

function readHeapProbe(file: string): Array<[number, number, number]> {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [t, heap, rss] = line.split(' ').map(Number);
      return [t ?? 0, (heap ?? 0) / 1048576, (rss ?? 0) / 1048576];
    });
}

/** Medians of the middle and last thirds of [t, value] samples, growth between them, least-squares slope per minute. */
function thirds(points: Array<[number, number]>) {
  const total = points.at(-1)?.[0] ?? 0;
  const middle = median(points.filter(([t]) => t >= total / 3 && t < (2 * total) / 3).map(([, v]) => v));
  const last = median(points.filter(([t]) => t >= (2 * total) / 3).map(([, v]) => v));
  const late = points.filter(([t]) => t >= total / 3);
  const n = late.length;
  const mt = late.reduce((s, [t]) => s + t, 0) / n;
  const mv = late.reduce((s, [, v]) => s + v, 0) / n;
  const cov = late.reduce((s, [t, v]) => s + (t - mt) * (v - mv), 0);
  const vt = late.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  return {
    middle,
    last,
    growthPct: ((last - middle) / middle) * 100,
    slopePerMin: vt > 0 ? (cov / vt) * 60 : Number.NaN,
  };
}

function flatness(trace: Trace) {
  const heap = thirds(trace.heap.map(([t, h]) => [t, h]));
  const rss = thirds(trace.samples);
  return { heap, rss, flat: heap.growthPct < 5 };
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
      const trace = await loadAndSample(name, soak, true);
      soaks.push(trace);
      const f = flatness(trace);
      console.log(
        `soak ${name.padEnd(10)} ${soak} s: live heap ${fmt(f.heap.middle, 2)} → ${fmt(f.heap.last, 2)} MiB ` +
          `(${fmt(f.heap.growthPct)}%), RSS ${fmt(f.rss.middle)} → ${fmt(f.rss.last)} MiB (${fmt(f.rss.growthPct)}%) ` +
          `${f.flat ? 'flat' : 'NOT flat'}`,
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
  [
    'server',
    'soak s',
    'live heap, middle third MiB',
    'live heap, last third MiB',
    'heap growth',
    'heap slope MiB/min',
    'RSS, middle third MiB',
    'RSS, last third MiB',
    'flat',
  ],
];
for (const trace of soaks) {
  const f = flatness(trace);
  soakTable.push([
    trace.server,
    String(soak),
    fmt(f.heap.middle, 2),
    fmt(f.heap.last, 2),
    `${fmt(f.heap.growthPct)}%`,
    fmt(f.heap.slopePerMin, 3),
    fmt(f.rss.middle),
    fmt(f.rss.last),
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
    `Soak: ${soak} s per server; every ${sampleEvery} s a full GC (bench/lib/heap-probe.ts) and the live heap and RSS ` +
    'are recorded; medians of the middle and last thirds; flat = live heap grows < 5% between them.',
  '',
  markdownTable(table),
  '',
  ...(soaks.length > 0 ? [markdownTable(soakTable), ''] : []),
  `- RSS after ${duration} s of load: ${ratio(bot, bolt)} of bare Bolt (target ≤ 1.50×) ${bot <= 1.5 * bolt ? 'met' : 'NOT met'}`,
  ...(botSoak
    ? [
        `- ${soak} s soak: ${flatness(botSoak).flat ? 'flat (met)' : 'NOT flat'}` +
          (soak < 300 ? ' — shorter than the 5-minute soak of record' : ''),
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
