/** Medians, flags, tables, and the results files every benchmark writes. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { canPin, RESULTS_DIR, ROOT } from './processes.js';

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '—';
}

/** `--name value` flags with defaults; `--smoke` shrinks everything to a few seconds. */
export function flags<T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(spec: T) {
  const { values } = parseArgs({
    options: { ...spec, smoke: { type: 'boolean', default: false }, record: { type: 'boolean', default: false } },
    strict: true,
  });
  return values as unknown as Record<keyof T | 'smoke' | 'record', string | boolean | undefined>;
}

export function numberFlag(value: string | boolean | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a number, got ${value}`);
  return n;
}

export function listFlag(value: string | boolean | undefined): string[] {
  return String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A Markdown table from rows of cells (first row is the header). */
export function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const right = head.map((_, i) => body.every((row) => /^[-\d.,×%—+ µsMiBmsx/]*$/.test(row[i] ?? '')));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (right[i] ? '---:' : '---'))), ...body.map(line)].join('\n');
}

/** What was measured on: printed with every result so numbers are never read without their context. */
export function environment(): string {
  const cpus = os.cpus();
  let wrk = 'not found';
  try {
    execFileSync('wrk', ['--version'], { stdio: 'pipe' });
  } catch (err) {
    wrk =
      String((err as { stdout?: Buffer }).stdout ?? '')
        .split(' [')[0]
        ?.trim() || 'wrk';
  }
  const bolt = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@slack', 'bolt', 'package.json'), 'utf8'));
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `${new Date().toISOString()} · Node ${process.version} · @slack/bolt ${bolt.version} · ${wrk} · ` +
    `${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · load average at start ${load} · ` +
    (canPin() ? 'server pinned to CPU 0, load generator and fakes to CPU 1' : 'NOT pinned (taskset missing or 1 CPU)')
  );
}

/** Writes bench/results/NAME-latest.{json,md} (or into `dir`) and returns the markdown path. */
export function writeResults(name: string, json: unknown, markdown: string, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}-latest.json`), `${JSON.stringify(json, null, 2)}\n`);
  const md = path.join(dir, `${name}-latest.md`);
  writeFileSync(md, `${markdown}\n`);
  return md;
}

/**
 * Replaces the section between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` in BENCHMARKS.md (appends
 * it when missing). Only that section changes: other sections belong to other people.
 */
export function recordInBenchmarksMd(name: string, markdown: string): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** `--out DIR` for results (the smoke test writes to a temp dir), default bench/results. */
export function outDir(value: string | boolean | undefined): string {
  return typeof value === 'string' && value !== '' ? path.resolve(value) : RESULTS_DIR;
}
