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
  // OAuth install and Socket Mode: app credentials, WeChat's and Slack's snake_case fields, and a Bolt Installation
  // logged whole (`{ installation }` → installation.bot.token, installation.user.refreshToken).
  ...[
    'authorization',
    'refresh_token',
    'client_secret',
    'clientSecret',
    'stateSecret',
    'appToken',
    'authorizer_access_token',
    'component_access_token',
    'bot_access_token',
  ].flatMap((key) => [key, `*.${key}`]),
  ...['token', 'refreshToken'].flatMap((key) => [`*.bot.${key}`, `*.user.${key}`]),
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

/** Slack tokens in text: xoxb-, xoxp-, xoxe-, xoxe.xoxb- (rotating) and xapp- (Socket Mode). */
const SLACK_TOKEN_TEXT = /\bx(?:ox[a-z]|app)[.-][A-Za-z0-9.-]+/g;
/** A secret-named field in JSON text (`"client_secret":"…"`, `"access_token":"…"`) or in a query (`…token=…`). */
const SECRET_JSON_FIELD = /("[A-Za-z_]*(?:token|secret|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const SECRET_QUERY_FIELD = /\b([A-Za-z_]*(?:token|secret)=)[^&\s"]+/gi;

/**
 * Bolt and its clients log text, often with an object already turned into JSON (`http request body: {…}`), which
 * pino's key-based redaction cannot see into. This is the same net for that text: Slack tokens and secret-named
 * fields are blanked.
 */
export function scrubText(text: string): string {
  return text
    .replace(SLACK_TOKEN_TEXT, '[redacted]')
    .replace(SECRET_JSON_FIELD, '$1"[redacted]"')
    .replace(SECRET_QUERY_FIELD, '$1[redacted]');
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
    const text = scrubText(
      args
        .filter((arg) => !(arg instanceof Error))
        .map((arg) => (typeof arg === 'string' ? arg : safeJson(arg)))
        .join(' '),
    );
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
