import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { validateProviderName } from '../quota/provider-name.js';
import { type CliIo, readAllStdin } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into UsageError (exit 2) and no stray positionals allowed. */
export function parseFlags<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err));
  }
}

/** A required string flag, or a UsageError naming it. */
export function required(value: string | boolean | undefined | (string | boolean)[], flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

const TEAM_ID = /^[TE][A-Z0-9]{4,}$/;

/** A Slack workspace id (T…; E… for Enterprise Grid), so a typo does not silently create a new tenant. */
export function teamFlag(value: string | boolean | undefined | (string | boolean)[]): string {
  const team = required(value, '--team');
  if (!TEAM_ID.test(team)) {
    throw new UsageError(
      `--team expects a Slack workspace id such as T0123ABCD, not "${team}" (the bot shows the id when you type /quota before any provider is set up)`,
    );
  }
  return team;
}

/** A provider name that /quota NAME can address. */
export function nameFlag(value: string | boolean | undefined | (string | boolean)[]): string {
  const result = validateProviderName(required(value, '--name'));
  if (!result.ok) throw new UsageError(`--name: ${result.reason}`);
  return result.name;
}

/** A secret flag; `-` reads it from standard input so it stays out of shell history and the process list. */
export async function secretFlag(
  value: string | boolean | undefined | (string | boolean)[],
  flag: string,
  io: CliIo,
): Promise<string> {
  const given = required(value, flag);
  const secret = given === '-' ? (await readAllStdin(io.stdin)).trim() : given;
  if (secret === '') throw new UsageError(`${flag} - read nothing from standard input`);
  if (/[\s\p{Cc}]/u.test(secret) || secret.length > 2048) {
    throw new UsageError(
      `${flag} does not look like a WeChat access token (it has spaces, control characters or is too long)`,
    );
  }
  return secret;
}

/** An ISO-8601 instant in the future, e.g. 2026-11-26T11:00:00+08:00. */
export function futureInstantFlag(value: string | boolean | undefined | (string | boolean)[], flag: string, now: Date) {
  if (value === undefined) return null;
  const text = required(value, flag);
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`${flag} expects an ISO-8601 date and time such as 2026-11-26T11:00:00+08:00, not "${text}"`);
  }
  if (at.getTime() <= now.getTime()) throw new UsageError(`${flag} ${text} is already in the past`);
  return at;
}
