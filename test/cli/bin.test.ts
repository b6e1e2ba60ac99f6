import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'bin', 'quota-bot.js');

function run(args: string[], env: Record<string, string>, stdin = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('the quota-bot executable', () => {
  let dir: string;
  let wechat: FakeWeChat;
  let slack: FakeSlack;
  let child: ChildProcess | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-bin-'));
    wechat = await startFakeWeChat();
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = null;
    await Promise.all([wechat.close(), slack.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('check --token - --json prints the quota as JSON and exits 0', async () => {
    wechat.setQuota('wx-from-stdin', { rest: 3, limit: 20, speedup_rest: 0, speedup_limit: 1 });
    const res = await run(['check', '--token', '-', '--json'], { WECHAT_API_BASE_URL: wechat.url }, 'wx-from-stdin');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual([
      { provider: null, rest: 3, limit: 20, speedupRest: 0, speedupLimit: 1, checkedAt: expect.any(String) },
    ]);
  });

  it('serve starts on the SQLite default layout, answers /healthz, and exits 0 on SIGTERM', async () => {
    const proc = spawn(process.execPath, [bin, 'serve'], {
      cwd: dir, // the default ./data/quota-bot.db and its generated key land here
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        SLACK_SIGNING_SECRET: 'sign',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_API_URL: slack.apiUrl,
        WECHAT_API_BASE_URL: wechat.url,
      },
    });
    child = proc;
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 10_000);
      proc.stdout.on('data', () => {
        const match = out.match(/"port":(\d+).*"msg":"quota-bot listening"/);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => proc.on('close', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('encryption.key');
  });

  it('serve refuses to start without SLACK_SIGNING_SECRET, naming it (exit 1)', async () => {
    const res = await run(['serve'], { SLACK_BOT_TOKEN: 'xoxb-test', DATABASE_URL: `sqlite:${dir}/db.sqlite` });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('SLACK_SIGNING_SECRET');
  });
});
