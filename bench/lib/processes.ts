/** Starting pinned server processes, probing them, and reading their CPU time and memory from /proc. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSync } from 'esbuild';
import { request } from 'undici';
import { BUNDLE_OPTIONS } from '../../scripts/bundle.mjs';
import { ANSWER_MARKER, EVENTS_PATH, quotaCommandBody, signedHeaders } from './common.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
/** Where buildBenchServers() puts the compiled servers (and the src they import). */
export const BUILD_DIR = path.join(RESULTS_DIR, 'build');

/** CPU layout: the server under test alone on one core; load generator, fakes and orchestrator on the other. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

let pinningChecked: boolean | undefined;
/** taskset is there and the machine has ≥ 2 CPUs; otherwise nothing is pinned (and the report says so). */
export function canPin(): boolean {
  if (pinningChecked === undefined) {
    try {
      execFileSync('taskset', ['-c', '0,1', 'true'], { stdio: 'ignore' });
      pinningChecked = true;
    } catch {
      pinningChecked = false;
    }
  }
  return pinningChecked;
}

/** Pins this orchestrator process (and what it later spawns unpinned) to the load-generator core. */
export function pinSelfToLoadCpu(): void {
  if (canPin()) execFileSync('taskset', ['-a', '-p', '-c', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
}

/** `command args` on `cpu` (via taskset, which execs, so the child's pid is the command's own). */
export function pinned(cpu: string, command: string, args: string[]): [string, string[]] {
  return canPin() ? ['taskset', ['-c', cpu, command, ...args]] : [command, args];
}

/** A free TCP port on loopback (closed again; the small race with other programs is accepted). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerSpec {
  /** Short name used in tables: plain-http, bare-bolt, quota-bot. */
  name: string;
  /** Node flags (e.g. --cpu-prof) and the script, or a whole argv for `node`. */
  nodeArgs: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface RunningServer {
  name: string;
  pid: number;
  port: number;
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** Spawns a server on SERVER_CPU with PORT set, logs to bench/results/logs/NAME.log, waits for a correct answer. */
export async function startServer(spec: ServerSpec, timeoutMs = 30_000): Promise<RunningServer> {
  const port = await freePort();
  const logsDir = path.join(RESULTS_DIR, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, `${spec.name}.log`);
  const fd = openSync(logFile, 'a');
  const [command, args] = pinned(SERVER_CPU, process.execPath, spec.nodeArgs);
  const child = spawn(command, args, {
    cwd: spec.cwd ?? ROOT,
    env: { ...process.env, ...spec.env, PORT: String(port) },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const ready = await Promise.race([waitForAnswer(url, timeoutMs).then(() => true), exited.then(() => false)]);
  if (!ready) throw new Error(`${spec.name} exited before answering; see ${logFile}`);
  return {
    name: spec.name,
    pid: child.pid as number,
    port,
    url,
    child,
    logFile,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The request every server gets (probes and load alike); its response_url points at the fake Slack when there is one. */
let commandBody = quotaCommandBody();
export function useResponseUrl(responseUrl: string): void {
  commandBody = quotaCommandBody(responseUrl);
}
export function currentCommandBody(): string {
  return commandBody;
}

export interface ProbeResult {
  status: number;
  text: string;
}

/** One signed `/quota`, as Slack sends it, on a fresh connection. */
export async function probeCommand(url: string, timeoutMs = 5000): Promise<ProbeResult> {
  const body = commandBody;
  const res = await request(`${url}${EVENTS_PATH}`, {
    method: 'POST',
    headers: { ...signedHeaders(body), connection: 'close' },
    body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    reset: true,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

/** GET a path on a fresh connection. */
export async function probeGet(url: string, pathname: string): Promise<ProbeResult> {
  const res = await request(`${url}${pathname}`, { method: 'GET', headers: { connection: 'close' }, reset: true });
  return { status: res.statusCode, text: await res.body.text() };
}

/** A warm-cache answer from any of the servers. */
export const isQuotaAnswer = (answer: ProbeResult) => answer.status === 200 && answer.text.includes(ANSWER_MARKER);

/**
 * Polls `probe` until `accept` holds; a refused connection (not listening yet) means try again after `intervalMs`,
 * and so does a 200 that is not the answer yet (e.g. the bot's "Checking WeChat…" ack when a busy machine delays the
 * cached answer past its ack budget). Any other answer is an error. Resolves with the time the accepted answer arrived.
 */
export async function waitForAnswer(
  url: string,
  timeoutMs: number,
  {
    intervalMs = 5,
    probe = probeCommand,
    accept = isQuotaAnswer,
  }: {
    intervalMs?: number;
    probe?: (url: string) => Promise<ProbeResult>;
    accept?: (answer: ProbeResult) => boolean;
  } = {},
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = 'nothing (not listening)';
  for (;;) {
    try {
      const answer = await probe(url);
      if (accept(answer)) return performance.now();
      last = `${answer.status}: ${answer.text.slice(0, 300)}`;
      if (answer.status !== 200) throw new Error(`unexpected answer ${last}`);
    } catch (err) {
      if (!isNotListening(err)) throw err;
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms; last: ${last}`);
    await sleep(intervalMs);
  }
}

export function isNotListening(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  const cause = (err as { cause?: { code?: string } } | null)?.cause?.code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(code) || cause === 'ECONNREFUSED';
}

let clockTicks: number | undefined;
/** CPU time (user + system, all threads) the process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** Resident set size of the process, in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * Runs tsc on `project`. Type errors are reported but do not stop the benchmark: tsc still emits JavaScript, and
 * every server must answer a probe correctly before it is measured. Returns false when there were type errors.
 */
function tsc(project: string): boolean {
  // The smoke test builds once and then runs the scripts side by side: concurrent tsc runs would race on outDir.
  if (process.env.BENCH_SKIP_BUILD === '1') return true;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return true;
  } catch (err) {
    const out = String((err as { stdout?: Buffer }).stdout ?? '');
    console.warn(`warning: tsc -p ${project} reported type errors (JavaScript emitted anyway):\n${out.slice(0, 2000)}`);
    return false;
  }
}

/** The benchmark's own servers (paths under bench/); compiled() finds their output. */
const BENCH_ENTRIES = [
  'anchors/bare-bolt.ts',
  'anchors/plain-http.ts',
  'servers/fakes.ts',
  'servers/quota-bot.ts',
  'lib/heap-probe.ts',
];

/**
 * Transpiles the benchmark servers and every src/ and test/ file they import into bench/results/build, one .js per
 * .ts as tsc would (no bundling: profiles keep naming files, and node_modules load as usual). esbuild instead of tsc:
 * well under a second instead of ~7 s of type checking, which `npm run typecheck` does anyway.
 */
export function buildBenchServers(): boolean {
  // The smoke test builds once and then runs the scripts side by side: concurrent builds would race on the folder.
  if (process.env.BENCH_SKIP_BUILD === '1') return true;
  const entryPoints = BENCH_ENTRIES.map((entry) => path.join('bench', entry));
  // A bundling pass that writes nothing, only to learn which local files the servers reach.
  const { metafile } = buildSync({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    outdir: BUILD_DIR,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: Object.keys(metafile.inputs).filter((file) => file.endsWith('.ts')),
    outbase: '.',
    outdir: BUILD_DIR,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  // Bare Bolt bundled exactly as the product is (scripts/bundle.mjs): how much of the bot's start-up is bundling.
  buildSync({
    ...BUNDLE_OPTIONS,
    absWorkingDir: ROOT,
    entryPoints: ['bench/anchors/bare-bolt.ts'],
    outfile: BUNDLED_BARE_BOLT,
  });
  return true;
}

/** The bare Bolt anchor as one esbuild bundle (built by buildBenchServers). */
export const BUNDLED_BARE_BOLT = path.join(BUILD_DIR, 'bench', 'anchors', 'bare-bolt.bundle.mjs');

/** Builds the bot's dist/ and its esbuild bundle, which bin/quota-bot.js runs (what `npm run build` does). */
export function buildDist(): boolean {
  const typed = tsc('tsconfig.build.json');
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  return typed;
}

export function compiled(relativeTs: string): string {
  const file = path.join(BUILD_DIR, 'bench', relativeTs.replace(/\.ts$/, '.js'));
  if (!existsSync(file)) throw new Error(`${file} is missing: buildBenchServers() first`);
  return file;
}

export interface Fakes {
  slackApiUrl: string;
  responseUrl: string;
  wechatUrl: string;
  statsUrl: string;
  stats(): Promise<{ wechatCalls: number; slackCalls: string[]; responseUrlPosts: number }>;
  stop(): Promise<void>;
}

/** Starts the fakes process on the load-generator core. */
export async function startFakes(env: Record<string, string> = {}): Promise<Fakes> {
  const [command, args] = pinned(LOAD_CPU, process.execPath, [compiled('servers/fakes.ts')]);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end >= 0) resolve(buffered.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`fakes exited with ${code} before starting`)));
  });
  const urls = JSON.parse(line) as Omit<Fakes, 'stats' | 'stop'>;
  return {
    ...urls,
    async stats() {
      const res = await request(urls.statsUrl);
      return (await res.body.json()) as Awaited<ReturnType<Fakes['stats']>>;
    },
    stop: () => stopChild(child),
  };
}

/**
 * The three servers every benchmark compares, built JS run with plain node. BENCH_VARIANTS=label=DIR,… adds
 * `quota-bot@label` for each checkout DIR whose bench servers were built there (`npx tsx bench/build-servers.ts` in
 * DIR; older checkouts: `npx tsc -p bench/tsconfig.build.json`): before/after comparisons interleaved in one run.
 */
export function serverSpecs(fakes: Fakes | null, nodeFlags: string[] = []): Record<string, ServerSpec> {
  const fakeEnv: Record<string, string> = fakes
    ? { BENCH_SLACK_API_URL: fakes.slackApiUrl, BENCH_WECHAT_URL: fakes.wechatUrl }
    : {};
  const variants: Record<string, ServerSpec> = {};
  for (const entry of (process.env.BENCH_VARIANTS ?? '').split(',').filter(Boolean)) {
    const [label, dir] = entry.split('=');
    if (!label || !dir) throw new Error(`BENCH_VARIANTS: expected label=DIR, got ${entry}`);
    const script = path.join(path.resolve(dir), 'bench', 'results', 'build', 'bench', 'servers', 'quota-bot.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: build the bench servers in ${dir} first`);
    variants[`quota-bot@${label}`] = { name: `quota-bot@${label}`, nodeArgs: [...nodeFlags, script], env: fakeEnv };
  }
  return {
    ...variants,
    'plain-http': { name: 'plain-http', nodeArgs: [...nodeFlags, compiled('anchors/plain-http.ts')] },
    'bare-bolt': { name: 'bare-bolt', nodeArgs: [...nodeFlags, compiled('anchors/bare-bolt.ts')] },
    'quota-bot': {
      name: 'quota-bot',
      nodeArgs: [...nodeFlags, compiled('servers/quota-bot.ts')],
      env: fakeEnv,
    },
  };
}
