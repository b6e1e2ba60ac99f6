import pino from 'pino';
import { type Config, loadConfig } from '../config.js';
import { AppError, ConfigError, UsageError } from '../errors.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { CliIo } from './io.js';
import { USAGE } from './usage.js';

/** Features named in the interface that this version does not have yet: said plainly, never faked. */
const NOT_YET_AVAILABLE: Record<string, string> = {};

/** Runs one CLI invocation and resolves with its exit status (0 ok, 1 runtime failure, 2 usage error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    const config = loadConfig(io.env);
    const logger = cliLogger(command, config);
    const ctx = { config, logger, io, now: new Date() };
    // Each command is imported when it runs: `serve` starts without loading what only `check` or `digest run` need
    // (and the bundle keeps them in chunks of their own).
    switch (command) {
      case 'serve':
        return await (await import('./commands/serve.js')).serveCommand(args, ctx);
      case 'migrate':
        return await (await import('./commands/migrate.js')).migrateCommand(args, ctx);
      case 'provider':
        await (await import('./commands/provider.js')).providerCommand(args, ctx);
        return 0;
      case 'check':
        return await (await import('./commands/check.js')).checkCommand(args, ctx);
      case 'subscription':
        await (await import('./commands/subscription.js')).subscriptionCommand(args, ctx);
        return 0;
      case 'digest':
        return await (await import('./commands/digest.js')).digestCommand(args, ctx);
      default:
        if (NOT_YET_AVAILABLE[command]) throw new UsageError(`${command}: ${NOT_YET_AVAILABLE[command]}`);
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    return reportFailure(err, io);
  }
}

function reportFailure(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.stderr.write(`quota-bot: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (err instanceof ConfigError) {
    io.stderr.write(`quota-bot: ${err.message}\nSet these in the environment or in .env (see .env.example).\n`);
    return 1;
  }
  if (err instanceof AppError) {
    io.stderr.write(`quota-bot: ${err.message}\n`);
    return 1;
  }
  // Unknown errors keep their message but not a stack: an operator needs the what, the logs have the rest.
  io.stderr.write(`quota-bot: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

/** serve logs JSON to stdout as a service should; other commands keep stdout for their output and log to stderr. */
function cliLogger(command: string, config: Config): Logger {
  if (command === 'serve') return createLogger({ level: config.logLevel });
  const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
  return createLogger({ level, destination: pino.destination({ fd: 2, sync: true }) });
}
