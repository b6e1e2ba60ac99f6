import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import { KEY_FILE_NAME, resolveEncryptionKey } from '../../src/crypto/encryption-key.js';
import { ConfigError } from '../../src/errors.js';
import { createLogger } from '../../src/logging/logger.js';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('resolveEncryptionKey', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'quota-bot-key-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const configFor = (databaseFile: string, overrides: Partial<Config> = {}): Config => ({
    ...loadConfig({ NODE_ENV: 'development', DATABASE_URL: `sqlite:${databaseFile}` }),
    ...overrides,
  });

  it('uses ENCRYPTION_KEY when set and writes no key file', async () => {
    const key = randomBytes(32);
    const folder = path.join(root, 'data');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${path.join(folder, 'bot.db')}`,
      ENCRYPTION_KEY: key.toString('base64'),
    });
    const { logger, lines } = capturingLogger();
    expect((await resolveEncryptionKey(config, logger)).equals(key)).toBe(true);
    expect(() => statSync(folder)).toThrow();
    expect(lines).toEqual([]);
  });

  it('creates the key file 0600 in a new 0700 folder next to the database, warning once, then reuses it', async () => {
    const folder = path.join(root, 'nested', 'data');
    const config = configFor(path.join(folder, 'bot.db'));
    const { logger, lines } = capturingLogger();

    const first = await resolveEncryptionKey(config, logger);
    const keyFile = path.join(folder, KEY_FILE_NAME);
    expect(first).toHaveLength(32);
    expect(mode(keyFile)).toBe(0o600);
    expect(mode(folder)).toBe(0o700);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64').equals(first)).toBe(true);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/ENCRYPTION_KEY is not set/);
    expect(JSON.stringify(lines)).not.toContain(first.toString('base64'));

    const second = await resolveEncryptionKey(config, logger);
    expect(second.equals(first)).toBe(true);
    expect(lines.filter((line) => line.level === 40)).toHaveLength(1);
  });

  it('gives every one of several simultaneous first starts the same key', async () => {
    const config = configFor(path.join(root, 'data', 'bot.db'));
    const { logger } = capturingLogger();
    const keys = await Promise.all(Array.from({ length: 8 }, () => resolveEncryptionKey(config, logger)));
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
  });

  it('refuses a malformed key file with a ConfigError naming the file, and leaves the file alone', async () => {
    const keyFile = path.join(root, KEY_FILE_NAME);
    const { logger } = capturingLogger();
    for (const content of ['not base64 at all!', randomBytes(16).toString('base64'), '']) {
      writeFileSync(keyFile, content, { mode: 0o600 });
      const attempt = resolveEncryptionKey(configFor(path.join(root, 'bot.db')), logger);
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(keyFile);
      await expect(attempt).rejects.toThrow(/malformed/);
      expect(await readFile(keyFile, 'utf8')).toBe(content);
    }
  });

  it('warns when the existing key file is readable by others', async () => {
    const keyFile = path.join(root, KEY_FILE_NAME);
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o644 });
    const { logger, lines } = capturingLogger();
    await resolveEncryptionKey(configFor(path.join(root, 'bot.db')), logger);
    expect(lines.some((line) => line.level === 40 && /chmod 600/.test(String(line.msg)))).toBe(true);
  });

  it('refuses to generate a key in production', async () => {
    const config = configFor(path.join(root, 'data', 'bot.db'), { nodeEnv: 'production' });
    const { logger } = capturingLogger();
    await expect(resolveEncryptionKey(config, logger)).rejects.toThrow(ConfigError);
    await expect(resolveEncryptionKey(config, logger)).rejects.toThrow(
      /ENCRYPTION_KEY: required when NODE_ENV=production/,
    );
    expect(() => statSync(path.join(root, 'data'))).toThrow();
  });

  it('refuses to generate a key for PostgreSQL', async () => {
    const config = configFor(path.join(root, 'bot.db'), {
      database: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' },
    });
    const { logger } = capturingLogger();
    await expect(resolveEncryptionKey(config, logger)).rejects.toThrow(/PostgreSQL/);
  });

  it('returns a fresh random key for an in-memory database, touching no file', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' });
    const { logger, lines } = capturingLogger();
    const first = await resolveEncryptionKey(config, logger);
    const second = await resolveEncryptionKey(config, logger);
    expect(first).toHaveLength(32);
    expect(first.equals(second)).toBe(false);
    expect(lines.filter((line) => line.level === 40)).toEqual([]);
  });
});
