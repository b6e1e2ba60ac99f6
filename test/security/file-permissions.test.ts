import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { saveProvider } from '../../src/store/providers.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('files holding secrets are private to the bot’s user', () => {
  let dir = '';
  const previousUmask = process.umask();
  afterEach(async () => {
    process.umask(previousUmask);
    await rm(dir, { recursive: true, force: true });
  });

  it('the SQLite database, its -wal and -shm, the key file and their folder, even under a permissive umask', async () => {
    process.umask(0o000);
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-perms-'));
    const dataDir = path.join(dir, 'data');
    const config = loadConfig({
      NODE_ENV: 'test',
      SLACK_SIGNING_SECRET: 'perm-secret',
      SLACK_BOT_TOKEN: 'xoxb-perm',
      DATABASE_URL: `sqlite:${path.join(dataDir, 'quota-bot.db')}`,
    });
    const bot = await createApp(config, { logger: createLogger({ level: 'silent' }) });
    try {
      // A write, so the WAL and its index exist.
      await saveProvider(bot.database.db, bot.box, {
        teamId: 'T0PERM',
        name: 'Acme',
        credentials: { kind: 'static', token: 'perm-token' },
        tokenExpiresAt: null,
        now: new Date(),
      });
      const files = ['quota-bot.db', 'quota-bot.db-wal', 'quota-bot.db-shm', 'encryption.key'].map((f) =>
        path.join(dataDir, f),
      );
      for (const file of files) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file).toString(8), file).toBe('600');
      }
      expect(mode(dataDir) & 0o077).toBe(0);
    } finally {
      await bot.stop();
    }
  });
});
