import type { Config } from '../../config.js';
import type { Logger } from '../../logging/logger.js';
import { openDatabase } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';

/** `migrate`: bring the database schema up to date (serve does the same at start). */
export async function migrateCommand(
  args: string[],
  ctx: { config: Config; logger: Logger; io: CliIo },
): Promise<number> {
  parseFlags(args, {});
  const database = openDatabase(ctx.config.database, { logger: ctx.logger });
  try {
    const { applied } = await migrateToLatest(database.db, ctx.logger);
    ctx.io.stdout.write(
      applied.length === 0
        ? 'Database is up to date.\n'
        : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
