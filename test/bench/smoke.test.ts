import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchServers } from '../../bench/lib/processes.js';
import { bundle } from '../../scripts/bundle.mjs';

/**
 * The benchmark scripts in their tiny --smoke mode, so they do not rot: each must run to the end and write a result
 * row. Nothing here measures or asserts timing. The wrk-driven ones are skipped where wrk is not installed
 * (apt-get install -y wrk).
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status === 1;
  }
})();

describe.concurrent('benchmark scripts (smoke mode)', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'quota-bot-bench-smoke-'));
    // Once, before the scripts run side by side (each would otherwise build into the same folder). The start-up
    // benchmark runs the bin, which must find a current bundle (about a second to build; tsc may be older or absent).
    buildBenchServers();
    await bundle();
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const bench = (script: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(root, 'bench', script), '--smoke', ...args], {
      cwd: root,
      env: { ...process.env, BENCH_SKIP_BUILD: '1' },
      maxBuffer: 16 << 20,
    });
  const result = (name: string) => JSON.parse(readFileSync(path.join(out, `${name}-latest.json`), 'utf8'));

  it.skipIf(!hasWrk)('throughput: one row per server, no errors', { timeout: 120_000 }, async () => {
    await bench('throughput.ts', '--out', out);
    const { summaries } = result('throughput');
    expect(summaries.map((s: { server: string }) => s.server)).toEqual(['plain-http', 'bare-bolt', 'quota-bot']);
    for (const s of summaries)
      expect({ server: s.server, errors: s.errors, answered: s.requests > 0 }).toEqual({
        server: s.server,
        errors: 0,
        answered: true,
      });
  });

  it.skipIf(!hasWrk)('memory: an RSS reading per server', { timeout: 120_000 }, async () => {
    await bench('memory.ts', '--out', out);
    const { traces } = result('memory');
    expect(traces.map((t: { server: string }) => t.server)).toEqual(['plain-http', 'bare-bolt', 'quota-bot']);
    for (const t of traces) expect(t.afterMiB).toBeGreaterThan(0);
  });

  it('startup: every scenario answered', { timeout: 120_000 }, async () => {
    await bench('startup.ts', '--out', out);
    const { samples } = result('startup');
    expect(samples.map((s: { scenario: string }) => s.scenario)).toEqual([
      'plain-http',
      'bare-bolt',
      'bare-bolt bundled',
      'quota-bot fresh',
      'quota-bot fresh /healthz',
      'quota-bot migrated',
    ]);
  });

  it('ack latency: the table is printed (every answer delivered, one WeChat call per burst)', {
    timeout: 120_000,
  }, async () => {
    const { stdout } = await bench('ack-latency.ts');
    expect(stdout).toContain('concurrent');
    expect(stdout).toContain('warm cache');
  });
});
