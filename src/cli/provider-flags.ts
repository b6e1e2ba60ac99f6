import { UsageError } from '../errors.js';
import type { ProviderCredentials } from '../quota/types.js';
import {
  type Checked,
  checkAppId,
  checkCallbackToken,
  checkEncodingAesKey,
  checkSecret,
  checkTokenUrl,
  parseHeaderLine,
} from '../tokens/credential-rules.js';
import { type CliIo, readAllStdin } from './io.js';

type Flag = string | boolean | undefined | (string | boolean)[];
type Flags = Record<string, Flag>;

/** Flags that select the component source; all of them together, or none. */
export const COMPONENT_FLAGS = [
  'component-appid',
  'component-secret',
  'authorizer-appid',
  'refresh-token',
  'callback-token',
  'encoding-aes-key',
] as const;

/** Secret flags that may be `-`, in the order their values are read from standard input (one per line). */
const STDIN_ORDER = [
  'token',
  'token-url-header',
  'component-secret',
  'refresh-token',
  'callback-token',
  'encoding-aes-key',
] as const;

/** Every flag `provider add` knows besides --team, --name and --expires-at. */
export const CREDENTIAL_FLAGS = ['token', 'token-url', 'token-url-header', ...COMPONENT_FLAGS] as const;

/**
 * Resolves `-` values: with one `-` flag, all of standard input is its value; with several, standard input has one
 * line per `-` flag, in the order --token, --token-url-header, --component-secret, --refresh-token,
 * --callback-token, --encoding-aes-key.
 */
async function resolveStdin(flags: Flags, io: CliIo): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(flags)) if (typeof value === 'string') values[name] = value.trim();
  const fromStdin = STDIN_ORDER.filter((name) => values[name] === '-');
  if (fromStdin.length === 0) return values;
  const text = await readAllStdin(io.stdin);
  const lines = fromStdin.length === 1 ? [text.trim()] : text.split(/\r?\n/).map((line) => line.trim());
  while (lines.length > fromStdin.length && lines.at(-1) === '') lines.pop();
  if (lines.length !== fromStdin.length) {
    throw new UsageError(
      `${fromStdin.length} flags are "-": standard input must have ${fromStdin.length} lines, one per flag`,
    );
  }
  fromStdin.forEach((name, index) => {
    const line = lines[index] ?? '';
    if (line === '') throw new UsageError(`--${name} - read nothing from standard input`);
    values[name] = line;
  });
  return values;
}

function must<T>(flag: string, checked: Checked<T>): T {
  if (!checked.ok) throw new UsageError(`--${flag}: ${checked.reason}`);
  return checked.value;
}

/** The credentials `provider add` stores, from exactly one source's flags; UsageError (exit 2) for anything else. */
export async function credentialsFromFlags(flags: Flags, io: CliIo): Promise<ProviderCredentials> {
  const given = (name: string) => flags[name] !== undefined;
  const component = COMPONENT_FLAGS.filter(given);
  const sources = [given('token'), given('token-url'), component.length > 0].filter(Boolean).length;
  if (sources !== 1) {
    throw new UsageError(
      'provider add needs exactly one token source: --token TOKEN, --token-url URL, or the six component flags',
    );
  }
  if (given('token-url-header') && !given('token-url'))
    throw new UsageError('--token-url-header goes with --token-url');
  if (given('expires-at') && !given('token')) throw new UsageError('--expires-at goes with --token');
  const missing = component.length > 0 ? COMPONENT_FLAGS.filter((name) => !given(name)) : [];
  if (missing.length > 0) throw new UsageError(`component credentials also need --${missing.join(', --')}`);

  const values = await resolveStdin(flags, io);
  const value = (name: string) => values[name] ?? '';
  if (given('token')) return { kind: 'static', token: must('token', checkSecret(value('token'), 'the token')) };
  if (given('token-url')) {
    return {
      kind: 'central',
      url: must('token-url', checkTokenUrl(value('token-url'))),
      header: given('token-url-header') ? must('token-url-header', parseHeaderLine(value('token-url-header'))) : null,
    };
  }
  return {
    kind: 'component',
    componentAppId: must('component-appid', checkAppId(value('component-appid'), 'the component appid')),
    componentSecret: must('component-secret', checkSecret(value('component-secret'), 'the component secret')),
    authorizerAppId: must('authorizer-appid', checkAppId(value('authorizer-appid'), 'the authorizer appid')),
    refreshToken: must('refresh-token', checkSecret(value('refresh-token'), 'the refresh token')),
    callbackToken: must('callback-token', checkCallbackToken(value('callback-token'))),
    encodingAesKey: must('encoding-aes-key', checkEncodingAesKey(value('encoding-aes-key'))),
  };
}
