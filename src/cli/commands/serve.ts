import { createApp } from '../../app.js';
import { assertServeConfig, type Config } from '../../config.js';
import type { Logger } from '../../logging/logger.js';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';

/** `serve`: run the bot until SIGTERM/SIGINT, then shut down gracefully (main.ts forces exit on a second signal). */
export async function serveCommand(
  args: string[],
  ctx: { config: Config; logger: Logger; io: CliIo },
): Promise<number> {
  parseFlags(args, {});
  assertServeConfig(ctx.config);
  const bot = await createApp(ctx.config, { logger: ctx.logger });
  try {
    await bot.start();
  } catch (err) {
    await bot.stop();
    throw err;
  }
  const signal = await (ctx.io.stopSignal ?? new Promise<string>(() => {}));
  ctx.logger.info({ signal }, 'shutting down');
  await bot.stop();
  return 0;
}
