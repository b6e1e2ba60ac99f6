/**
 * wrk as the load generator: one thread on the load core, a Lua script that sends the same signed `/quota` to every
 * server. The signature is computed here with a timestamp taken when the script is written (at the start of each
 * measurement), well inside Slack's 5-minute window; wrk then replays the identical request.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { EVENTS_PATH, signedHeaders } from './common.js';
import { currentCommandBody, LOAD_CPU, pinned, RESULTS_DIR } from './processes.js';

const run = promisify(execFile);

export interface WrkResult {
  requests: number;
  durationS: number;
  rps: number;
  /** Socket errors and responses with status ≥ 400. */
  errors: { connect: number; read: number; write: number; timeout: number; status: number };
  errorCount: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/** Longest single wrk run: a signature made at its start must still be fresh at its end. */
export const MAX_WRK_SECONDS = 240;

function luaString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('wrk script: only printable ASCII can be embedded');
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Writes the Lua script for one measurement: a freshly signed request and a done() that prints JSON. */
export function writeWrkScript(): string {
  const body = currentCommandBody();
  const headers = signedHeaders(body);
  const lines = [
    'wrk.method = "POST"',
    `wrk.path = ${luaString(EVENTS_PATH)}`,
    `wrk.body = ${luaString(body)}`,
    ...Object.entries(headers).map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`),
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'WRK_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,' +
      '"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}\\n\',',
    '    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))',
    'end',
  ];
  const dir = path.join(RESULTS_DIR, 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `request-${process.pid}.lua`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * Runs wrk against `url` with `connections` for `seconds` (≤ MAX_WRK_SECONDS) on the load core. wrk counts whole
 * seconds only; a fraction (--smoke runs) is cut short with SIGINT, on which wrk stops and still reports.
 */
export async function runWrk(url: string, connections: number, seconds: number): Promise<WrkResult> {
  if (seconds > MAX_WRK_SECONDS) throw new Error(`one wrk run is at most ${MAX_WRK_SECONDS} s (signature window)`);
  const script = writeWrkScript();
  const [command, args] = pinned(LOAD_CPU, 'wrk', [
    '-t1',
    `-c${connections}`,
    `-d${Math.ceil(seconds)}s`,
    '--timeout',
    '5s',
    '-s',
    script,
    `${url}${EVENTS_PATH}`,
  ]);
  const running = run(command, args, { maxBuffer: 1 << 20 });
  // taskset execs wrk, so the child's pid is wrk's own.
  const cut = Number.isInteger(seconds) ? null : setTimeout(() => running.child.kill('SIGINT'), seconds * 1000);
  let stdout: string;
  try {
    ({ stdout } = await running.finally(() => cut && clearTimeout(cut)));
  } catch (err) {
    // Interrupted before wrk set up its handler (a very busy machine): measure whole seconds instead.
    if ((err as { signal?: string }).signal !== 'SIGINT') throw err;
    return runWrk(url, connections, Math.ceil(seconds));
  }
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const raw = JSON.parse(line.slice('WRK_JSON '.length)) as Record<string, number>;
  const n = (key: string) => raw[key] ?? Number.NaN;
  const durationS = n('duration_us') / 1e6;
  const errors = {
    connect: n('connect'),
    read: n('read'),
    write: n('write'),
    timeout: n('timeout'),
    status: n('status'),
  };
  return {
    requests: n('requests'),
    durationS,
    rps: n('requests') / durationS,
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    latencyMs: {
      p50: n('p50') / 1000,
      p90: n('p90') / 1000,
      p99: n('p99') / 1000,
      max: n('max') / 1000,
      mean: n('mean') / 1000,
    },
  };
}

/** True when wrk is on PATH. */
export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']);
    return true;
  } catch (err) {
    // wrk --version prints its banner and exits 1.
    return (err as { code?: unknown }).code === 1;
  }
}
