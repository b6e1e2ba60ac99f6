import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** Where the data lives: the embedded SQLite file by default, PostgreSQL when DATABASE_URL says so. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Everything the process needs to know from its environment, validated once and frozen. */
export interface Config {
  readonly port: number;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly database: DatabaseConfig;
  /** 32-byte key from ENCRYPTION_KEY; null means "use (or create) the key file next to the SQLite database". */
  readonly encryptionKey: Buffer | null;
  readonly slack: {
    readonly signingSecret: string | null;
    readonly botToken: string | null;
    readonly appToken: string | null;
    /** Multi-workspace OAuth install (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), or null. */
    readonly oauth: SlackOAuthConfig | null;
    /** Web API base URL ending in '/', or null for Slack's own. */
    readonly apiUrl: string | null;
  };
  readonly wechat: {
    /** Base URL without a trailing slash. */
    readonly apiBaseUrl: string;
  };
  readonly quotaCacheTtlSeconds: number;
  readonly defaultTimezone: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** The app's OAuth credentials: with them the bot can be installed in many workspaces through /slack/install. */
export interface SlackOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the OAuth `state`, so a callback is only accepted for an install this bot started. */
  readonly stateSecret: string;
}

export const DEFAULT_SQLITE_PATH = './data/quota-bot.db';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()));

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    }, `expected an http(s) URL for ${what}`);

function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function parseDatabaseUrl(value: string | undefined, ctx: z.RefinementCtx): DatabaseConfig {
  const raw = value?.trim() ?? '';
  if (raw === '') return { kind: 'sqlite', path: path.resolve(DEFAULT_SQLITE_PATH) };
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) return { kind: 'postgres', url: raw };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') {
      ctx.addIssue({ code: 'custom', message: 'expected sqlite:<path to a file>, the path is empty' });
      return z.NEVER;
    }
    return { kind: 'sqlite', path: file === ':memory:' ? file : path.resolve(file) };
  }
  ctx.addIssue({
    code: 'custom',
    message: 'expected sqlite:<path> or postgres://user@host:port/database',
  });
  return z.NEVER;
}

function parseEncryptionKey(value: string | null, ctx: z.RefinementCtx): Buffer | null {
  if (value === null) return null;
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected base64 of exactly 32 random bytes (generate one with: openssl rand -base64 32)',
    });
    return z.NEVER;
  }
  return key;
}

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a TCP port number' })
    .int('expected a whole number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(3000),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'expected development, production or test' })
    .default('development'),
  DATABASE_URL: z.string().optional().transform(parseDatabaseUrl),
  ENCRYPTION_KEY: optionalString.transform(parseEncryptionKey),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.refine((value) => value === null || value.startsWith('xoxb-'), {
    error: 'expected a bot token starting with xoxb-',
  }),
  SLACK_APP_TOKEN: optionalString.refine((value) => value === null || value.startsWith('xapp-'), {
    error:
      'expected an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)',
  }),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: httpUrl('SLACK_API_URL')
    .optional()
    .transform((value) => (value === undefined ? null : value.endsWith('/') ? value : `${value}/`)),
  WECHAT_API_BASE_URL: httpUrl('WECHAT_API_BASE_URL')
    .default('https://api.weixin.qq.com')
    .transform((value) => value.replace(/\/+$/, '')),
  QUOTA_CACHE_TTL_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int('expected a whole number of seconds')
    .min(0, 'expected 0 (no caching) or more seconds')
    .max(86_400, 'expected at most 86400 seconds (one day)')
    .default(60),
  DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isIanaTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai or Europe/Berlin' }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

/** Reads and validates the environment; throws ConfigError naming every bad variable. The only reader of env. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // Empty strings (e.g. `PORT=` in a .env file) mean "not set", like most tools treat them.
  const cleaned = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    database: e.DATABASE_URL,
    encryptionKey: e.ENCRYPTION_KEY,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      oauth: slackOAuth(e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET),
      apiUrl: e.SLACK_API_URL,
    },
    wechat: { apiBaseUrl: e.WECHAT_API_BASE_URL },
    quotaCacheTtlSeconds: e.QUOTA_CACHE_TTL_SECONDS,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
  };
  assertKeyPolicy(config);
  assertSlackMode(config, {
    SLACK_CLIENT_ID: e.SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET,
    SLACK_STATE_SECRET: e.SLACK_STATE_SECRET,
  });
  return deepFreeze(config);
}

function slackOAuth(clientId: string | null, clientSecret: string | null, stateSecret: string | null) {
  return clientId !== null && clientSecret !== null && stateSecret !== null
    ? { clientId, clientSecret, stateSecret }
    : null;
}

/** OAuth needs all three variables; a bot token together with OAuth would leave unclear whose token answers. */
function assertSlackMode(config: Config, oauthVariables: Record<string, string | null>): void {
  const given = Object.keys(oauthVariables).filter((name) => oauthVariables[name] !== null);
  const missing = Object.keys(oauthVariables).filter((name) => oauthVariables[name] === null);
  if (given.length > 0 && missing.length > 0) {
    throw new ConfigError([
      `${missing.join(', ')}: required with ${given.join(', ')} — multi-workspace OAuth install needs all three of ` +
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET (Basic Information → App Credentials) and SLACK_STATE_SECRET ' +
        '(any long random text, e.g. openssl rand -hex 32); unset them all for single-workspace mode',
    ]);
  }
  if (config.slack.oauth !== null && config.slack.botToken !== null) {
    throw new ConfigError([
      'SLACK_BOT_TOKEN: not allowed together with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET — ' +
        'set SLACK_BOT_TOKEN for one workspace, or the three OAuth variables to install in many workspaces, not both',
    ]);
  }
}

/** The key file is a development convenience; production must bring its own key so a lost disk loses no secret. */
function assertKeyPolicy(config: Config): void {
  if (config.nodeEnv === 'production' && config.encryptionKey === null) {
    throw new ConfigError([
      'ENCRYPTION_KEY: required when NODE_ENV=production (base64 of 32 random bytes: openssl rand -base64 32); ' +
        'the generated key file is only for development',
    ]);
  }
  if (config.encryptionKey === null && config.database.kind === 'postgres') {
    throw new ConfigError([
      'ENCRYPTION_KEY: required with a PostgreSQL DATABASE_URL, so every replica encrypts with the same key ' +
        '(base64 of 32 random bytes: openssl rand -base64 32)',
    ]);
  }
}

/** What `serve` needs on top of the base config; checked only by serve so CLI commands run without Slack secrets. */
export function assertServeConfig(config: Config): void {
  const issues: string[] = [];
  if (config.slack.appToken === null && config.slack.signingSecret === null) {
    issues.push('SLACK_SIGNING_SECRET: required to verify requests from Slack (Basic Information → Signing Secret)');
  }
  if (config.slack.botToken === null && config.slack.oauth === null) {
    issues.push(
      'SLACK_BOT_TOKEN: required for one workspace (OAuth & Permissions → Bot User OAuth Token, starts with xoxb-); ' +
        'or, to install in many workspaces through /slack/install, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and ' +
        'SLACK_STATE_SECRET instead',
    );
  }
  // Socket Mode serves the one workspace of SLACK_BOT_TOKEN: installs need /slack/oauth_redirect, reached over HTTPS.
  if (config.slack.appToken !== null && config.slack.oauth !== null) {
    issues.push(
      'SLACK_APP_TOKEN: Socket Mode works with one workspace (SLACK_BOT_TOKEN), not with the multi-workspace ' +
        'OAuth install (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET); unset SLACK_APP_TOKEN to serve ' +
        'OAuth over HTTP',
    );
  }
  if (issues.length > 0) throw new ConfigError(issues);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
