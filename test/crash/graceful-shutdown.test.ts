import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { postSigned, slashCommandBody } from '../helpers/slack-requests.js';

// Graceful shutdown of the real executable (`node bin/quota-bot.js serve`, built by the global setup): SIGTERM lets
// the answer in flight reach response_url, then the process exits 0; a second signal exits non-zero at once.

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'bin', 'quota-bot.js');
const SIGNING_SECRET = 'shutdown-signing-secret';
const TOKEN = 'wx-token-shutdown';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

describe('graceful shutdown of quota-bot serve', () => {
  let dir: string;
  let slack: FakeSlack;
  let wechat: FakeWeChat;
  let env: Record<string, string>;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-shutdown-'));
    slack = await startFakeSlack();
    wechat = await startFakeWeChat();
    env = {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-shutdown',
      SLACK_API_URL: slack.apiUrl,
      WECHAT_API_BASE_URL: wechat.url,
      DATABASE_URL: `sqlite:${path.join(dir, 'quota-bot.db')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
    };
    const add = await runOnce(['provider', 'add', '--team', FAKE_TEAM_ID, '--name', 'Acme', '--token', '-'], TOKEN);
    expect(add.code).toBe(0);
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = null;
    await Promise.all([slack.close(), wechat.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  function runOnce(args: string[], stdin: string) {
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [bin, ...args], { env, cwd: dir });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      proc.on('close', (code) => resolve({ code, stderr }));
      proc.stdin.end(stdin);
    });
  }

  /** Starts `serve`, resolves with its port (from the "listening" log line) and its exit. */
  async function serve(): Promise<{ port: number; exited: Promise<Exit>; stderr: () => string }> {
    const proc = spawn(process.execPath, [bin, 'serve'], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<Exit>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    const port = await new Promise<number>((resolve, reject) => {
      proc.stdout.on('data', (d) => {
        stdout += d;
        const match = /"port":(\d+)[^\n]*quota-bot listening/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
    });
    return { port, exited, stderr: () => stderr };
  }

  const sendQuota = (port: number, responseId: string) =>
    postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      SIGNING_SECRET,
      slashCommandBody({ text: 'Acme', teamId: FAKE_TEAM_ID, responseUrl: slack.responseUrl(responseId) }),
      'application/x-www-form-urlencoded',
    );

  it('SIGTERM with a /quota in flight: the answer still reaches response_url, then exit 0', async () => {
    wechat.setQuota(TOKEN, { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 });
    wechat.setLatency(2000);
    const bot = await serve();
    const ack = await sendQuota(bot.port, 'in-flight');
    expect(JSON.stringify(ack.json).toLowerCase()).toContain('checking');
    child?.kill('SIGTERM');

    const exit = await bot.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    // Delivered before the process exited.
    expect(slack.responses.map((r) => r.id)).toEqual(['in-flight']);
    expect(String(slack.responses[0]?.body.text)).toContain('8 of 27');
    // And it no longer accepts anything.
    await expect(sendQuota(bot.port, 'after')).rejects.toThrow();
  }, 20_000);

  it('a second SIGTERM during a long drain exits non-zero at once', async () => {
    wechat.respond(TOKEN, { kind: 'hang' });
    const bot = await serve();
    const ack = await sendQuota(bot.port, 'hanging');
    expect(JSON.stringify(ack.json).toLowerCase()).toContain('checking');
    child?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    child?.kill('SIGTERM');

    const exit = await bot.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(bot.stderr()).toContain('second SIGTERM');
    // The forced exit came before the drain could deliver the (timed-out) answer.
    expect(slack.responses).toHaveLength(0);
  }, 20_000);
});
