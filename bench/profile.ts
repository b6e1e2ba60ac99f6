/**
 * CPU profile of a server under load: starts it with `node --cpu-prof`, drives it with wrk, stops it (the profile is
 * written at exit) and prints the functions with the most self time, plus self time grouped by where the code lives
 * (our src/, each node_modules package, node internals, GC).
 *
 * Usage: npm run bench:profile -- [--server quota-bot|bare-bolt|plain-http] [--duration 15] [--connections 100]
 *        [--top 30] [--out DIR] [--smoke]
 * Writes bench/results/profiles/SERVER-*.cpuprofile (open in Chrome DevTools) and bench/results/profile-SERVER-latest.md.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  buildBenchServers,
  pinSelfToLoadCpu,
  RESULTS_DIR,
  ROOT,
  serverSpecs,
  startFakes,
  startServer,
  useResponseUrl,
} from './lib/processes.js';
import { environment, flags, fmt, markdownTable, numberFlag, outDir, writeResults } from './lib/report.js';
import { hasWrk, runWrk } from './lib/wrk.js';

const args = flags({
  server: { type: 'string', default: 'quota-bot' },
  duration: { type: 'string', default: '15' },
  warmup: { type: 'string', default: '5' },
  connections: { type: 'string', default: '100' },
  top: { type: 'string', default: '30' },
  out: { type: 'string' },
});
const smoke = args.smoke === true;
const serverName = String(args.server);
const duration = smoke ? 1 : numberFlag(args.duration, 'duration');
const warmup = smoke ? 0 : numberFlag(args.warmup, 'warmup');
const connections = smoke ? 4 : numberFlag(args.connections, 'connections');
const top = numberFlag(args.top, 'top');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

if (!(await hasWrk())) throw new Error('wrk is not installed: apt-get update && apt-get install -y wrk');
pinSelfToLoadCpu();
const env = environment();
buildBenchServers();
const profileDir = path.join(RESULTS_DIR, 'profiles', `${serverName}-${Date.now()}`);
mkdirSync(profileDir, { recursive: true });

const fakes = await startFakes();
useResponseUrl(fakes.responseUrl);
const spec = serverSpecs(fakes, ['--cpu-prof', '--cpu-prof-dir', profileDir])[serverName];
if (!spec) throw new Error(`unknown server ${serverName}`);
let requests = 0;
let measuredMs = 0;
try {
  const server = await startServer(spec);
  try {
    if (warmup > 0) await runWrk(server.url, connections, warmup);
    const measureStart = performance.now();
    try {
      const result = await runWrk(server.url, connections, duration);
      requests = result.requests;
      console.log(
        `${serverName}: ${fmt(result.rps, 0)} req/s, p99 ${fmt(result.latencyMs.p99, 2)} ms under the profiler`,
      );
    } finally {
      await server.stop();
      measuredMs = performance.now() - measureStart;
    }
  } finally {
    if (measuredMs === 0) await server.stop();
  }
} finally {
  await fakes.stop();
}

const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;

// Self time per node: the sum of the time deltas of the samples that landed in it. Only the measured window counts
// (the profile ends when the process exits, right after the load; start-up and warm-up are left out).
const windowStart = profile.endTime - measuredMs * 1000;
const selfUs = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at >= windowStart) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const idle = [...idleIds].reduce((sum, id) => sum + (selfUs.get(id) ?? 0), 0);
const busy = total - idle;

function where(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return name;
  if (url === '') return 'native / V8 builtins';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const build = url.indexOf('/results/build/');
  if (build >= 0)
    return url
      .slice(build + '/results/build/'.length)
      .split('/')
      .slice(0, 2)
      .join('/');
  return path.relative(ROOT, url.replace(/^file:\/\//, ''));
}
const short = (url: string) => {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const build = clean.indexOf('/results/build/');
  if (build >= 0) return clean.slice(build + '/results/build/'.length);
  return clean;
};

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0 || idleIds.has(node.id)) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url ? `${short(url)}:${lineNumber + 1}` : ''}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const place = where(url, functionName);
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / busy).toFixed(1)}%`;
const perReq = (us: number) => (requests > 0 ? fmt(us / requests, 2) : '—');
const functions = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
const places = [...byPlace.entries()].sort((a, b) => b[1] - a[1]);

const markdown = [
  `## CPU profile: ${serverName} under load`,
  '',
  `Measured ${env}. ${connections} connections, ${duration} s profiled after ${warmup} s warm-up; ` +
    `${requests} requests; busy (non-idle) CPU ${fmt(busy / 1000, 0)} ms = ${perReq(busy)} µs per request ` +
    `(profiler overhead included). Percentages are of busy time.`,
  '',
  '### Self time by place',
  '',
  markdownTable([['place', 'self', 'µs/req'], ...places.map(([place, us]) => [place, pct(us), perReq(us)])]),
  '',
  `### Top ${top} functions by self time`,
  '',
  markdownTable([
    ['function', 'self', 'µs/req'],
    ...functions.map(([fn, us]) => [fn.replace(/\|/g, '\\|'), pct(us), perReq(us)]),
  ]),
].join('\n');
console.log(`\n${markdown}\n`);
const written = writeResults(
  `profile-${serverName}`,
  { environment: env, requests, busyUs: busy, places, functions },
  markdown,
  outDir(args.out),
);
console.log(`results: ${written}\nprofile: ${path.join(profileDir, file)}`);
if (smoke) rmSync(profileDir, { recursive: true, force: true });
