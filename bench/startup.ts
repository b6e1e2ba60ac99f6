/**
 * Start-up time: from spawn() to the first correct answer, for
 *   plain-http               the node:http anchor (built JS, plain node)
 *   bare-bolt                the bare Bolt anchor (built JS, plain node, Bolt loaded from node_modules as usual)
 *   bare-bolt bundled        the same anchor bundled as the bot is (scripts/bundle.mjs): a reference, not a target
 *   quota-bot fresh          `node bin/quota-bot.js serve` (the dist/bundle/ esbuild bundle, checked to be current)
 *                            in an empty directory: the SQLite default
 *                            (./data/quota-bot.db), migrations applied and the key file generated during start
 *   quota-bot fresh /healthz the same, probed on GET /healthz instead of a signed command
 *   quota-bot migrated       the same on a data directory an earlier start already migrated (a restart)
 * The probe is a signed `/quota` (any 200 with a message counts: with no provider stored the bot answers how to add
 * one), polled every 2 ms from the other core. Rounds are interleaved; medians reported.
 *
 * Usage: npm run bench:startup -- [--rounds 7] [--record] [--out DIR] [--smoke]
 * Builds dist/ and the bundle (npm run build) and the anchors first. --smoke: one round, no warm-up start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BOT_TOKEN, SIGNING_SECRET } from './lib/common.js';
import {
  BUNDLED_BARE_BOLT,
  buildBenchServers,
  buildDist,
  compiled,
  cpuMs,
  freePort,
  type ProbeResult,
  pinned,
  pinSelfToLoadCpu,
  probeCommand,
  probeGet,
  ROOT,
  SERVER_CPU,
  startFakes,
  stopChild,
  useResponseUrl,
  waitForAnswer,
} from './lib/processes.js';
import {
  environment,
  flags,
  fmt,
  markdownTable,
  median,
  numberFlag,
  outDir,
  ratio,
  recordInBenchmarksMd,
  writeResults,
} from './lib/report.js';

const args = flags({ rounds: { type: 'string', default: '7' }, out: { type: 'string' } });
const smoke = args.smoke === true;
const rounds = smoke ? 1 : numberFlag(args.rounds, 'rounds');
// 2 ms resolution for measurements; a smoke run only checks that every scenario answers, and polls gently.
const pollMs = smoke ? 20 : 2;

pinSelfToLoadCpu();
const env = environment();
console.log(`startup: ${env}`);
buildDist();
buildBenchServers();
assertBundleCurrent();
const fakes = await startFakes();
useResponseUrl(fakes.responseUrl);

/** Only what a process needs: no DATABASE_URL, .env or other settings leak in from the caller. */
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
const botEnv = {
  ...baseEnv,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: fakes.slackApiUrl,
  WECHAT_API_BASE_URL: fakes.wechatUrl,
};
const anyMessage = (answer: ProbeResult) => answer.status === 200 && answer.text.includes('"text"');
const healthy = (answer: ProbeResult) => answer.status === 200;

interface Scenario {
  name: string;
  argv: string[];
  env: Record<string, string>;
  /** Working directory; a function makes a fresh one per run. */
  cwd: () => string;
  probe: (url: string) => Promise<ProbeResult>;
  accept: (answer: ProbeResult) => boolean;
}

const freshDirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'quota-bot-startup-'));
  freshDirs.push(dir);
  return dir;
};
// Full runs prepare it with one start before the rounds (also a warm-up); --smoke reuses the first fresh start's.
let migratedDir = smoke ? '' : freshDir();
const firstFreshDir = () => {
  const dir = freshDir();
  if (migratedDir === '') migratedDir = dir;
  return dir;
};
const bin = path.join(ROOT, 'bin', 'quota-bot.js');
const scenarios: Scenario[] = [
  {
    name: 'plain-http',
    argv: [compiled('anchors/plain-http.ts')],
    env: baseEnv,
    cwd: () => ROOT,
    probe: probeCommand,
    accept: anyMessage,
  },
  {
    name: 'bare-bolt',
    argv: [compiled('anchors/bare-bolt.ts')],
    env: baseEnv,
    cwd: () => ROOT,
    probe: probeCommand,
    accept: anyMessage,
  },
  {
    name: 'bare-bolt bundled',
    argv: [BUNDLED_BARE_BOLT],
    env: baseEnv,
    cwd: () => ROOT,
    probe: probeCommand,
    accept: anyMessage,
  },
  {
    name: 'quota-bot fresh',
    argv: [bin, 'serve'],
    env: botEnv,
    cwd: firstFreshDir,
    probe: probeCommand,
    accept: anyMessage,
  },
  {
    name: 'quota-bot fresh /healthz',
    argv: [bin, 'serve'],
    env: botEnv,
    cwd: freshDir,
    probe: (url) => probeGet(url, '/healthz'),
    accept: healthy,
  },
  {
    name: 'quota-bot migrated',
    argv: [bin, 'serve'],
    env: botEnv,
    cwd: () => migratedDir,
    probe: probeCommand,
    accept: anyMessage,
  },
];

/** Wall time from spawn to the first accepted answer, and the CPU time the process had used by then. */
async function timeStart(scenario: Scenario): Promise<{ ms: number; cpuMs: number }> {
  const port = await freePort();
  const [command, argv] = pinned(SERVER_CPU, process.execPath, scenario.argv);
  const started = performance.now();
  const child: ChildProcess = spawn(command, argv, {
    cwd: scenario.cwd(),
    env: { ...scenario.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`${scenario.name} exited before answering: ${stderr.slice(0, 1000)}`);
  });
  try {
    const answered = await Promise.race([
      waitForAnswer(`http://127.0.0.1:${port}`, 30_000, {
        intervalMs: pollMs,
        probe: scenario.probe,
        accept: scenario.accept,
      }),
      exited,
    ]);
    return { ms: answered - started, cpuMs: cpuMs(child.pid as number) };
  } finally {
    exited.catch(() => undefined);
    await stopChild(child);
  }
}

const samples: Array<{ round: number; scenario: string; ms: number; cpuMs: number }> = [];
try {
  // The "migrated" directory gets its database, migrations and key file from one start before the rounds.
  if (!smoke) await timeStart(scenarios.find((s) => s.name === 'quota-bot migrated') as Scenario);
  for (let round = 1; round <= rounds; round++) {
    for (const scenario of scenarios) {
      const { ms, cpuMs } = await timeStart(scenario);
      samples.push({ round, scenario: scenario.name, ms, cpuMs });
      console.log(`round ${round} ${scenario.name.padEnd(26)} ${fmt(ms, 0).padStart(5)} ms  CPU ${fmt(cpuMs, 0)} ms`);
    }
  }
} finally {
  await fakes.stop();
  for (const dir of freshDirs) rmSync(dir, { recursive: true, force: true });
}

const med = (name: string) => median(samples.filter((s) => s.scenario === name).map((s) => s.ms));
const medCpu = (name: string) => median(samples.filter((s) => s.scenario === name).map((s) => s.cpuMs));
const bolt = med('bare-bolt');
const table: string[][] = [
  [
    'server',
    'spawn to first answer, median ms',
    'min ms',
    'max ms',
    '× bare Bolt',
    'CPU used by then, ms',
    '× bare Bolt CPU',
  ],
];
for (const scenario of scenarios) {
  const mine = samples.filter((s) => s.scenario === scenario.name).map((s) => s.ms);
  table.push([
    scenario.name,
    fmt(med(scenario.name), 0),
    fmt(Math.min(...mine), 0),
    fmt(Math.max(...mine), 0),
    ratio(med(scenario.name), bolt),
    fmt(medCpu(scenario.name), 0),
    ratio(medCpu(scenario.name), medCpu('bare-bolt')),
  ]);
}
const verdict = (name: string) =>
  `- ${name}: ${ratio(med(name), bolt)} of bare Bolt's start (target ≤ 1.50×) ${med(name) <= 1.5 * bolt ? 'met' : 'NOT met'}`;
const markdown = [
  '## Start-up: spawn to first answer',
  '',
  `Measured ${env}.`,
  `Method: ${rounds} interleaved round(s); each start is a new process pinned to CPU ${SERVER_CPU}, timed from spawn() ` +
    'to the first correct answer (a signed `/quota`, or GET /healthz where named) polled every 2 ms from the other core. ' +
    'The bot is `node bin/quota-bot.js serve`, which runs the esbuild bundle `dist/bundle/quota-bot.mjs` (SQLite ' +
    'default in an empty working directory, or in one an earlier start migrated); the anchors are built JS run with ' +
    'plain node, bare Bolt loading Bolt from node_modules as any Bolt app does; "bare-bolt bundled" is that anchor ' +
    'bundled like the bot, for reference. CPU is the process’s user+system time (all threads) at that moment: ' +
    'steadier than wall time on a busy machine.',
  '',
  markdownTable(table),
  '',
  verdict('quota-bot fresh'),
  verdict('quota-bot fresh /healthz'),
  verdict('quota-bot migrated'),
  `- for reference, against bare Bolt bundled the same way: quota-bot migrated ${ratio(med('quota-bot migrated'), med('bare-bolt bundled'))} ` +
    `(CPU ${ratio(medCpu('quota-bot migrated'), medCpu('bare-bolt bundled'))})`,
].join('\n');
console.log(`\n${markdown}\n`);
const written = writeResults('startup', { environment: env, rounds, samples }, markdown, outDir(args.out));
console.log(`results: ${written}`);
if (args.record === true) {
  recordInBenchmarksMd('startup', markdown);
  console.log('BENCHMARKS.md: startup section updated');
}

/** bin/quota-bot.js falls back to tsc's dist/main.js when the bundle is missing or stale: never measure that by mistake. */
function assertBundleCurrent(): void {
  const modified = (file: string) => statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs;
  const bundled = modified('dist/bundle/quota-bot.mjs');
  const typed = modified('dist/.tsbuildinfo');
  if (bundled === undefined || (typed !== undefined && typed > bundled)) {
    throw new Error('dist/bundle/quota-bot.mjs is missing or older than dist/: run `npm run build` first');
  }
}
