import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertServeConfig, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: path.resolve('data/quota-bot.db') });
    expect(config.wechat.apiBaseUrl).toBe('https://api.weixin.qq.com');
    expect(config.quotaCacheTtlSeconds).toBe(60);
    expect(config.defaultTimezone).toBe('Asia/Shanghai');
    expect(config.logLevel).toBe('info');
    expect(config.encryptionKey).toBeNull();
  });

  it('reads every variable and returns a frozen object', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      ENCRYPTION_KEY: KEY,
      SLACK_SIGNING_SECRET: 'sign',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      WECHAT_API_BASE_URL: 'http://127.0.0.1:9998/',
      QUOTA_CACHE_TTL_SECONDS: '0',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.encryptionKey?.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.wechat.apiBaseUrl).toBe('http://127.0.0.1:9998');
    expect(config.quotaCacheTtlSeconds).toBe(0);
    expect(Object.isFrozen(config) && Object.isFrozen(config.slack)).toBe(true);
  });

  it('takes sqlite:<path> relative to the working directory', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:./x/y.db' }).database).toEqual({
      kind: 'sqlite',
      path: path.resolve('x/y.db'),
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ENCRYPTION_KEY: 'c2hvcnQ=' }, 'ENCRYPTION_KEY'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN'],
    [{ WECHAT_API_BASE_URL: 'ftp://x' }, 'WECHAT_API_BASE_URL'],
    [{ QUOTA_CACHE_TTL_SECONDS: '-1' }, 'QUOTA_CACHE_TTL_SECONDS'],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production' }, 'ENCRYPTION_KEY'],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }, 'ENCRYPTION_KEY'],
  ])('%j is refused with a message naming %s', (env, variable) => {
    const err = configError(env);
    expect(err.message).toContain(variable);
    expect(err.message).toMatch(/expected|required/);
  });

  it('names every bad variable at once', () => {
    const err = configError({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(err.issues.join('\n')).toContain('PORT');
    expect(err.issues.join('\n')).toContain('LOG_LEVEL');
  });

  it('never echoes a malformed secret back', () => {
    const err = configError({ ENCRYPTION_KEY: 'super-secret-but-wrong' });
    expect(err.message).not.toContain('super-secret-but-wrong');
  });
});

const OAUTH = {
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: 'client-secret-XYZ',
  SLACK_STATE_SECRET: 'state-s3cret',
};

describe('Slack mode: one workspace (SLACK_BOT_TOKEN) or multi-workspace OAuth', () => {
  it('reads the three OAuth variables as OAuth mode, and serves with them instead of a bot token', () => {
    const config = loadConfig({ SLACK_SIGNING_SECRET: 's', ...OAUTH });
    expect(config.slack.oauth).toEqual({
      clientId: '1234.5678',
      clientSecret: 'client-secret-XYZ',
      stateSecret: 'state-s3cret',
    });
    expect(config.slack.botToken).toBeNull();
    expect(Object.isFrozen(config.slack.oauth)).toBe(true);
    expect(() => assertServeConfig(config)).not.toThrow();
  });

  it('is single-workspace mode with only a bot token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }).slack.oauth).toBeNull();
  });

  it.each([
    [{ SLACK_CLIENT_ID: '1.2' }, ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'], ['SLACK_CLIENT_ID']],
    [
      { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'x' },
      ['SLACK_STATE_SECRET'],
      ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET'],
    ],
    [{ SLACK_STATE_SECRET: 'x' }, ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET'], ['SLACK_STATE_SECRET']],
  ])('refuses part of the OAuth variables (%j), naming the missing ones', (env, missing, given) => {
    const err = configError(env);
    const [issue] = err.issues;
    expect(err.issues).toHaveLength(1);
    const named = issue?.split(':')[0] ?? '';
    expect(named.split(', ').sort()).toEqual([...missing].sort());
    for (const name of given) expect(issue).toContain(name);
    // The secret values themselves are never echoed.
    expect(err.message).not.toContain('client-secret');
  });

  it('refuses a bot token together with OAuth, saying to pick one', () => {
    const err = configError({ SLACK_BOT_TOKEN: 'xoxb-1', ...OAUTH });
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatch(/^SLACK_BOT_TOKEN: not allowed together with SLACK_CLIENT_ID/);
    expect(err.issues[0]).toContain('not both');
    expect(err.message).not.toContain('client-secret-XYZ');
    expect(err.message).not.toContain('state-s3cret');
  });

  it('refuses to serve with neither, saying what to set for each mode', () => {
    expect(() => assertServeConfig(loadConfig({ SLACK_SIGNING_SECRET: 's' }))).toThrow(
      /SLACK_BOT_TOKEN: required for one workspace[\s\S]*SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/,
    );
  });

  it('still needs the signing secret in OAuth mode over HTTP', () => {
    expect(() => assertServeConfig(loadConfig(OAUTH))).toThrow(/SLACK_SIGNING_SECRET/);
  });
});

describe('assertServeConfig', () => {
  it('requires the signing secret and the bot token to serve', () => {
    expect(() => assertServeConfig(loadConfig({}))).toThrow(/SLACK_SIGNING_SECRET[\s\S]*SLACK_BOT_TOKEN/);
    expect(() => assertServeConfig(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }))).not.toThrow();
  });
});
