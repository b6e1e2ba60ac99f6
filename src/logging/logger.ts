import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear. Secrets should never reach a log call in the first place;
 * this is the net under that rule, for objects someone logs whole (a request, a config, a provider row).
 */
const REDACT_PATHS = [
  'token',
  'accessToken',
  'access_token',
  'botToken',
  'signingSecret',
  'encryptionKey',
  'credentials',
  'secret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.botToken',
  '*.signingSecret',
  '*.encryptionKey',
  '*.credentials',
  '*.secret',
  // Component credentials and the pushed ticket (tokens feature).
  ...['componentSecret', 'refreshToken', 'callbackToken', 'encodingAesKey', 'ticket'].flatMap((key) => [
    key,
    `*.${key}`,
  ]),
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
];

/** The process logger: JSON lines, secrets redacted, one child per component. */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'quota-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/**
 * Bolt logs as `logger.error('msg', err)`; pino wants `{ err }` first or the error is lost.
 * This adapter folds Bolt's variadic arguments into a message and an `err`/`details` object.
 */
export function boltLoggerFrom(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const log = (pinoLevel: 'debug' | 'info' | 'warn' | 'error', args: unknown[]) => {
    // Bolt logs at debug twice per request (every ack); build nothing for a level that is off.
    if (!logger.isLevelEnabled(pinoLevel)) return;
    const err = args.find((arg): arg is Error => arg instanceof Error);
    const text = args
      .filter((arg) => !(arg instanceof Error))
      .map((arg) => (typeof arg === 'string' ? arg : safeJson(arg)))
      .join(' ');
    if (err) logger[pinoLevel]({ err }, text || err.message);
    else logger[pinoLevel](text);
  };
  return {
    debug: (...args) => log('debug', args),
    info: (...args) => log('info', args),
    warn: (...args) => log('warn', args),
    error: (...args) => log('error', args),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
  function safeJson(value: unknown): string {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
}
