import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/crypto/secret-box.js';
import { openDatabase } from '../../src/store/database.js';
import { findProvider, readCredentials } from '../../src/store/providers.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import { type FakeTokenServer, startTokenServer } from '../helpers/central-token-server.js';
import { runCliCaptured } from '../helpers/run-cli-in-process.js';

const TEAM = 'T0ACME001';
const COMPONENT_FLAGS = [
  '--component-appid',
  'wxc0c0c0c0c0c0c0c0',
  '--component-secret',
  '-',
  '--authorizer-appid',
  'wxa1a1a1a1a1a1a1a1',
  '--refresh-token',
  '-',
  '--callback-token',
  '-',
  '--encoding-aes-key',
  '-',
];
const STDIN = 'secret-canary-1\nrefresh-canary-2\npushToken3\nabcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\n';

describe('quota-bot provider add with a token server or component credentials', () => {
  let dir: string;
  let key: string;
  let env: Record<string, string>;
  let server: FakeTokenServer;
  let wechat: FakeWeChat;
  beforeEach(async () => {
    wechat = await startFakeWeChat();
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-cli-sources-'));
    key = randomBytes(32).toString('base64');
    server = await startTokenServer();
    env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      ENCRYPTION_KEY: key,
      WECHAT_API_BASE_URL: wechat.url,
    };
  });
  afterEach(async () => {
    await server.close();
    await wechat.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[], stdin?: string) => runCliCaptured(argv, env, stdin);
  async function stored(name: string) {
    const database = openDatabase({ kind: 'sqlite', path: path.join(dir, 'db.sqlite') });
    try {
      const provider = await findProvider(database.db, TEAM, name);
      return provider && (await readCredentials(database.db, createSecretBox(Buffer.from(key, 'base64')), provider));
    } finally {
      await database.close();
    }
  }

  it('adds a central-token-server provider (header from stdin) and lists its source, never the secrets', async () => {
    const added = await cli(
      [
        'provider',
        'add',
        '--team',
        TEAM,
        '--name',
        'Acme',
        '--token-url',
        `${server.url}/t?key=url-canary`,
        '--token-url-header',
        '-',
      ],
      'Authorization: Bearer header-canary\n',
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain(`central token server ${server.url}`);
    expect(await stored('Acme')).toEqual({
      kind: 'central',
      url: `${server.url}/t?key=url-canary`,
      header: { name: 'Authorization', value: 'Bearer header-canary' },
    });
    const listed = await cli(['provider', 'list', '--team', TEAM]);
    expect(listed.stdout).toContain('Acme\tcentral token server');
    const json = await cli(['provider', 'list', '--team', TEAM, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'Acme', tokenSource: 'central' })]);
    expect(added.stdout + listed.stdout + json.stdout).not.toContain('canary');
  });

  it('check asks the token server for a central provider’s token, then WeChat', async () => {
    server.answer({ body: '{"access_token":"central-canary","expires_in":7200}' });
    wechat.setQuota('central-canary', { rest: 3, limit: 9, speedup_rest: 0, speedup_limit: 0 });
    await cli(['provider', 'add', '--team', TEAM, '--name', 'Acme', '--token-url', `${server.url}/t`]);
    const checked = await cli(['check', '--team', TEAM, '--json']);
    expect(JSON.parse(checked.stdout)).toEqual([expect.objectContaining({ provider: 'Acme', rest: 3, limit: 9 })]);
    expect(server.requests).toHaveLength(1);
    expect(checked.stdout + checked.stderr).not.toContain('central-canary');
  });

  it('adds a component provider with four secrets read from stdin, one line each, in the documented order', async () => {
    const added = await cli(['provider', 'add', '--team', TEAM, '--name', 'Globex', ...COMPONENT_FLAGS], STDIN);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('/wechat/callback');
    expect(await stored('Globex')).toEqual({
      kind: 'component',
      componentAppId: 'wxc0c0c0c0c0c0c0c0',
      componentSecret: 'secret-canary-1',
      authorizerAppId: 'wxa1a1a1a1a1a1a1a1',
      refreshToken: 'refresh-canary-2',
      callbackToken: 'pushToken3',
      encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    });
    expect((await cli(['provider', 'list', '--team', TEAM])).stdout).toContain('Globex\trefreshed by the bot');
  });

  it.each([
    [['--token-url', 'https://t', '--expires-at', '2099-01-01T00:00:00Z'], '--expires-at goes with --token'],
    [['--token', 'x', '--token-url-header', 'A: b'], '--token-url-header goes with --token-url'],
    [['--component-appid', 'wxc0c0c0c0c0c0c0c0'], 'also need --component-secret'],
    [COMPONENT_FLAGS.map((f) => (f === 'wxa1a1a1a1a1a1a1a1' ? 'not-an-appid' : f)), '--authorizer-appid'],
    [['--token-url', 'https://t', '--token-url-header', 'no colon here'], 'Name: value'],
  ])('refuses %j with exit 2 (%s)', async (flags, says) => {
    const res = await cli(['provider', 'add', '--team', TEAM, '--name', 'X', ...flags], STDIN);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(says);
    expect(res.stderr).not.toContain('canary');
  });

  it('refuses stdin with the wrong number of lines for the "-" flags', async () => {
    const res = await cli(['provider', 'add', '--team', TEAM, '--name', 'X', ...COMPONENT_FLAGS], 'only-one-line\n');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('4 lines');
  });
});
