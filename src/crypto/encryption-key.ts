import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'encryption.key';

/**
 * config.encryptionKey if set; otherwise a key file `encryption.key` (base64) in the SQLite database's folder,
 * created with mode 0600 (folder 0700) on first run with a warn log, re-read afterwards; a malformed file is a clear error.
 * Refuses (ConfigError) when nodeEnv is production. For sqlite ':memory:' returns a fresh random key.
 */
export async function resolveEncryptionKey(config: Config, logger: Logger): Promise<Buffer> {
  if (config.encryptionKey !== null) {
    if (config.encryptionKey.length !== KEY_BYTES) {
      throw new ConfigError([`ENCRYPTION_KEY: expected exactly ${KEY_BYTES} bytes`]);
    }
    return Buffer.from(config.encryptionKey);
  }
  // loadConfig already enforces both rules; repeated here because a hand-built Config must not get a key file either.
  if (config.nodeEnv === 'production') {
    throw new ConfigError([
      'ENCRYPTION_KEY: required when NODE_ENV=production (base64 of 32 random bytes: openssl rand -base64 32); ' +
        'the generated key file is only for development',
    ]);
  }
  if (config.database.kind !== 'sqlite') {
    throw new ConfigError([
      'ENCRYPTION_KEY: required with a PostgreSQL DATABASE_URL, so every replica encrypts with the same key ' +
        '(base64 of 32 random bytes: openssl rand -base64 32)',
    ]);
  }
  if (config.database.path === ':memory:') {
    // Nothing outlives the process, so neither needs the key.
    return randomBytes(KEY_BYTES);
  }

  const keyFile = path.join(path.dirname(path.resolve(config.database.path)), KEY_FILE_NAME);
  const existing = await readKeyFile(keyFile, logger);
  if (existing !== null) return existing;

  const created = await createKeyFile(keyFile);
  if (created === null) {
    // Another process created it between our read and our create: use theirs.
    const raced = await readKeyFile(keyFile, logger);
    if (raced !== null) return raced;
    throw new ConfigError([`${keyFile}: the key file disappeared while it was being created; start again`]);
  }
  logger.warn(
    { keyFile },
    'ENCRYPTION_KEY is not set: generated a new encryption key file. Back it up with the database; without it the ' +
      'stored provider tokens cannot be decrypted. Set ENCRYPTION_KEY for production.',
  );
  return created;
}

/** The key from the file, or null when there is no file; a file that holds no valid key is a ConfigError. */
async function readKeyFile(keyFile: string, logger: Logger): Promise<Buffer | null> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw new ConfigError([`${keyFile}: cannot read the encryption key file (${reason(error)})`]);
  }
  const encoded = text.trim();
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new ConfigError([
      `${keyFile}: malformed encryption key file, expected base64 of exactly ${KEY_BYTES} bytes. ` +
        'Restore it from a backup, or set ENCRYPTION_KEY to the key the stored tokens were encrypted with. ' +
        'Deleting it makes every stored provider token unreadable.',
    ]);
  }
  const { mode } = await stat(keyFile);
  if ((mode & 0o077) !== 0) {
    logger.warn(
      { keyFile, mode: `0${(mode & 0o777).toString(8)}` },
      'The encryption key file is readable by other users; restrict it with chmod 600',
    );
  }
  return key;
}

/**
 * Creates the key file (0600, folder 0700) or returns null when it already exists. Written to a temporary file and
 * hard-linked into place, so a process starting at the same moment sees either no key file or a complete one.
 */
async function createKeyFile(keyFile: string): Promise<Buffer | null> {
  const key = randomBytes(KEY_BYTES);
  const temporary = `${keyFile}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    await writeFile(temporary, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await link(temporary, keyFile);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return null;
    throw new ConfigError([`${keyFile}: cannot create the encryption key file (${reason(error)})`]);
  } finally {
    await rm(temporary, { force: true });
  }
  return key;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function reason(error: unknown): string {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
}
