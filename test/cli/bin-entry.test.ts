import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// bin/quota-bot.js runs the esbuild bundle (fast start) unless tsc built something after it: then it runs tsc's
// output, so nobody ever runs code older than what they just built. Checked on a copy of the layout with stand-in
// entries that say which one ran.

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'quota-bot.js');

describe('which build bin/quota-bot.js runs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'quota-bot-bin-entry-'));
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(bin, path.join(dir, 'bin', 'quota-bot.js'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a stand-in file, modified `secondsAgo` ago. */
  const write = (file: string, text: string, secondsAgo: number) => {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    const at = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(full, at, at);
  };
  const says = (name: string) =>
    `process.stdout.write(${JSON.stringify(name)} + ' ' + process.argv.slice(2).join(' '));`;
  const runBin = () => run(process.execPath, [path.join(dir, 'bin', 'quota-bot.js'), 'serve'], { cwd: dir });

  it('runs the bundle, with the arguments, when it was built after tsc', async () => {
    write('dist/main.js', says('tsc'), 60);
    write('dist/.tsbuildinfo', '{}', 60);
    write('dist/bundle/quota-bot.mjs', says('bundle'), 30);
    expect((await runBin()).stdout).toBe('bundle serve');
  });

  it('runs the bundle alone, as the Docker image ships it', async () => {
    write('dist/bundle/quota-bot.mjs', says('bundle'), 0);
    expect((await runBin()).stdout).toBe('bundle serve');
  });

  it('runs tsc’s output when tsc built after the bundle (a stale bundle is never run)', async () => {
    write('dist/bundle/quota-bot.mjs', says('bundle'), 60);
    write('dist/main.js', says('tsc'), 30);
    write('dist/.tsbuildinfo', '{}', 30);
    expect((await runBin()).stdout).toBe('tsc serve');
  });

  it('says how to build, exit 1, when nothing is built', async () => {
    await expect(runBin()).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('npm run build') });
  });
});
