import type { Config } from '../config.js';
import { resolveEncryptionKey } from '../crypto/encryption-key.js';
import { createSecretBox, type SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../logging/logger.js';
import { type Database, openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

/** Opens the database (migrated, as `serve` would leave it) and the secret box, for one CLI command. */
export async function openStore(config: Config, logger: Logger): Promise<{ database: Database; box: SecretBox }> {
  const database = openDatabase(config.database, { logger });
  try {
    await migrateToLatest(database.db, logger);
    const box = createSecretBox(await resolveEncryptionKey(config, logger));
    return { database, box };
  } catch (err) {
    await database.close();
    throw err;
  }
}
