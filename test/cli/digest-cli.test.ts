import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { listProviders } from '../../src/store/providers.js';
import { listSnapshots } from '../../src/store/snapshots.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { runCliCaptured } from '../helpers/run-cli-in-process.js';

const TEAM = 'T0ACME001';

describe('quota-bot subscription and digest commands', () => {
  let dir: string;
  let wechat: FakeWeChat;
  let slack: FakeSlack;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-digest-cli-'));
    wechat = await startFakeWeChat();
    slack = await startFakeSlack();
    env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WECHAT_API_BASE_URL: wechat.url,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-cli-test-token',
    };
  });
  afterEach(async () => {
    await Promise.all([wechat.close(), slack.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[], stdin?: string) => runCliCaptured(argv, env, stdin);

  it('adds, lists and removes a subscription', async () => {
    const added = await cli([
      'subscription',
      'add',
      '--team',
      TEAM,
      '--channel',
      'C0123ABCD',
      '--weekday',
      'fri',
      '--time',
      '17:30',
      '--tz',
      'Europe/Berlin',
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added the weekly digest of C0123ABCD');
    expect(added.stdout).toContain('/invite @Quota Bot');

    const listed = await cli(['subscription', 'list', '--team', TEAM, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        channel: 'C0123ABCD',
        weekday: 'fri',
        time: '17:30',
        timeZone: 'Europe/Berlin',
        paused: false,
      }),
    ]);
    expect((await cli(['subscription', 'list', '--team', 'T0OTHER01', '--json'])).stdout.trim()).toBe('[]');

    expect((await cli(['subscription', 'remove', '--team', TEAM, '--channel', 'C0123ABCD'])).code).toBe(0);
    const again = await cli(['subscription', 'remove', '--team', TEAM, '--channel', 'C0123ABCD']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not subscribed');
  });

  it('digest run --at delivers what is due at that instant once, with snapshots stamped with it', async () => {
    wechat.setQuota('wx-acme', { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 });
    await cli(['provider', 'add', '--team', TEAM, '--name', 'Acme', '--token', '-'], 'wx-acme\n');
    await cli(['subscription', 'add', '--team', TEAM, '--channel', 'C0123ABCD']);
    const next = JSON.parse((await cli(['subscription', 'list', '--team', TEAM, '--json'])).stdout)[0]
      .nextDigestAt as string;

    const dry = await cli(['digest', 'run', '--at', next, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would post');
    expect(slack.posts()).toEqual([]);

    const run = await cli(['digest', 'run', '--at', next]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /posted\tT0ACME001\tC0123ABCD\tdigest \d{4}-\d{2}-\d{2}: Weekly audit quota: Acme 8 of 27 left/,
    );
    expect(slack.posts()).toHaveLength(1);
    expect(slack.posts()[0]?.token).toBe('xoxb-cli-test-token');

    const database = openDatabase({ kind: 'sqlite', path: path.join(dir, 'db.sqlite') });
    const [provider] = await listProviders(database.db, TEAM);
    const snapshots = await listSnapshots(database.db, TEAM, provider?.id ?? '');
    await database.close();
    expect(snapshots.map((r) => r.checkedAt.toISOString())).toEqual([new Date(next).toISOString()]);
    const second = await cli(['digest', 'run', '--at', next]);
    expect(second.stdout).toContain('Nothing was due');
    expect(slack.posts()).toHaveLength(1);
  });

  it('says clearly that digest run needs SLACK_BOT_TOKEN', async () => {
    const { SLACK_BOT_TOKEN: _omit, ...withoutToken } = env;
    const res = await runCliCaptured(['digest', 'run'], withoutToken);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('SLACK_BOT_TOKEN');
    expect(res.stderr).toContain('--dry-run');
  });
});
