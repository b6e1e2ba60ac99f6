import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { runCliCaptured } from '../helpers/run-cli-in-process.js';

const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };

describe('quota-bot CLI', () => {
  let dir: string;
  let wechat: FakeWeChat;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-cli-'));
    wechat = await startFakeWeChat();
    env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WECHAT_API_BASE_URL: wechat.url,
    };
  });
  afterEach(async () => {
    await wechat.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[], stdin?: string) => runCliCaptured(argv, env, stdin);

  it('adds a provider (token from stdin), lists it without the secret, checks it and removes it', async () => {
    wechat.setQuota('wx-secret-token-1', QUOTA);

    const added = await cli(
      ['provider', 'add', '--team', 'T0ACME001', '--name', 'Acme', '--token', '-'],
      'wx-secret-token-1\n',
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('Added provider "Acme"');

    const listed = await cli(['provider', 'list', '--team', 'T0ACME001', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'Acme', tokenSource: 'static' })]);
    expect(listed.stdout + listed.stderr).not.toContain('wx-secret-token-1');

    const checked = await cli(['check', '--team', 'T0ACME001', '--json']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toEqual([
      { provider: 'Acme', rest: 8, limit: 27, speedupRest: 1, speedupLimit: 3, checkedAt: expect.any(String) },
    ]);
    expect(wechat.calls.map((c) => c.token)).toEqual(['wx-secret-token-1']);

    const human = await cli(['check', '--team', 'T0ACME001', '--name', 'acme']);
    expect(human.stdout).toContain('Acme: 8 of 27 audits left, 1 of 3 expedited');
    expect(human.stdout).toContain('assumed');

    expect((await cli(['provider', 'remove', '--team', 'T0ACME001', '--name', 'Acme'])).code).toBe(0);
    expect(JSON.parse((await cli(['provider', 'list', '--team', 'T0ACME001', '--json'])).stdout)).toEqual([]);
  });

  it('re-adding a provider replaces its token', async () => {
    wechat.setQuota('wx-new', QUOTA);
    await cli(['provider', 'add', '--team', 'T0ACME001', '--name', 'Acme', '--token', 'wx-old']);
    const again = await cli(['provider', 'add', '--team', 'T0ACME001', '--name', 'ACME', '--token', 'wx-new']);
    expect(again.stdout).toContain('Updated provider');
    expect((await cli(['check', '--team', 'T0ACME001'])).code).toBe(0);
    expect(wechat.calls.map((c) => c.token)).toEqual(['wx-new']);
  });

  it('checks a token given on the spot, storing nothing', async () => {
    wechat.setQuota('wx-adhoc', QUOTA);
    const res = await cli(['check', '--token', 'wx-adhoc', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual([
      { provider: null, rest: 8, limit: 27, speedupRest: 1, speedupLimit: 3, checkedAt: expect.any(String) },
    ]);
  });

  it('exits 1 with a plain explanation when WeChat refuses, never echoing the token', async () => {
    wechat.respond('wx-bad', { kind: 'errcode', errcode: 40001, errmsg: 'invalid credential' });
    const res = await cli(['check', '--token', 'wx-bad']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('40001');
    expect(res.stdout + res.stderr).not.toContain('wx-bad');
  });

  it('exits 1 naming the variable when the environment is malformed', async () => {
    const res = await runCliCaptured(['migrate'], { ...env, QUOTA_CACHE_TTL_SECONDS: 'soon' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('QUOTA_CACHE_TTL_SECONDS');
  });

  it.each([
    [['provider', 'add', '--team', 'acme', '--name', 'A', '--token', 'x'], '--team'],
    [['provider', 'add', '--team', 'T0ACME001', '--token', 'x'], '--name'],
    [['provider', 'add', '--team', 'T0ACME001', '--name', 'help', '--token', 'x'], 'command word'],
    [['provider', 'add', '--team', 'T0ACME001', '--name', 'Alert Systems', '--token', 'x'], 'command word'],
    [
      ['provider', 'add', '--team', 'T0ACME001', '--name', 'A', '--token', 'x', '--expires-at', 'tomorrow'],
      '--expires-at',
    ],
    [
      ['provider', 'add', '--team', 'T0ACME001', '--name', 'A', '--token', 'x', '--token-url', 'https://t'],
      'exactly one',
    ],
    [['provider', 'add', '--team', 'T0ACME001', '--name', 'A', '--token-url', 'ftp://t'], '--token-url'],
    [['provider', 'frobnicate'], 'frobnicate'],
    [['check'], '--team'],
    [['check', '--team', 'T0ACME001', '--token', 'x'], 'exactly one'],
    [['check', '--token', 'x', '--bogus'], 'bogus'],
    [['subscription', 'add'], '--team is required'],
    [['subscription', 'add', '--team', 'T0ACME001', '--channel', 'general'], 'channel id'],
    [['subscription', 'add', '--team', 'T0ACME001', '--channel', 'C0123ABCD', '--weekday', 'funday'], '--weekday'],
    [['subscription', 'add', '--team', 'T0ACME001', '--channel', 'C0123ABCD', '--time', '25:99'], '--time'],
    [['subscription', 'add', '--team', 'T0ACME001', '--channel', 'C0123ABCD', '--tz', 'Mars/Olympus'], '--tz'],
    [['digest', 'run', '--at', 'monday'], '--at'],
    [['digest', 'launch'], 'expected run'],
    [['launch'], 'unknown command'],
  ])('usage error for %j: exit 2, says %s, prints usage', async (argv, says) => {
    const res = await cli(argv);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(says);
    expect(res.stderr).toContain('Usage: quota-bot');
  });

  it('exits 1 when removing a provider that does not exist', async () => {
    const res = await cli(['provider', 'remove', '--team', 'T0ACME001', '--name', 'Ghost']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no provider named "Ghost"');
  });

  it('migrate applies migrations once and then reports the database up to date', async () => {
    const first = await cli(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied');
    expect((await cli(['migrate'])).stdout).toContain('up to date');
  });
});
