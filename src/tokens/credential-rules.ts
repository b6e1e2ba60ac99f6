/**
 * What a well-formed credential looks like, shared by the CLI and the setup modal so both refuse the same input
 * with the same words. Reasons name the field and the rule, never the value typed.
 */
export type Checked<T = string> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = (reason: string): Checked<never> => ({ ok: false, reason });

const APP_ID = /^wx[0-9A-Za-z]{16}$/;
const CALLBACK_TOKEN = /^[A-Za-z0-9]{3,32}$/;
const AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade']);
const MAX_SECRET = 2048;

/** A WeChat appid: `wx` and 16 letters or digits. */
export function checkAppId(raw: string, label: string): Checked {
  const value = raw.trim();
  return APP_ID.test(value) ? ok(value) : no(`${label} should look like wx followed by 16 letters or digits`);
}

/** An opaque secret (app secret, refresh token, access token): no spaces or control characters, at most 2048. */
export function checkSecret(raw: string, label: string): Checked {
  const value = raw.trim();
  if (value === '') return no(`${label} is required`);
  if (/[\s\p{Cc}]/u.test(value) || value.length > MAX_SECRET) {
    return no(`${label} cannot contain spaces or control characters and has at most ${MAX_SECRET} characters`);
  }
  return ok(value);
}

/** The push configuration's Token: WeChat allows 3–32 letters and digits. */
export function checkCallbackToken(raw: string): Checked {
  const value = raw.trim();
  return CALLBACK_TOKEN.test(value) ? ok(value) : no('The callback token is 3–32 letters or digits, as set in WeChat');
}

/** The 43-character EncodingAESKey (base64 of a 32-byte key without its trailing `=`). */
export function checkEncodingAesKey(raw: string): Checked {
  const value = raw.trim();
  if (!AES_KEY.test(value) || Buffer.from(`${value}=`, 'base64').length !== 32) {
    return no('The EncodingAESKey is exactly 43 letters, digits, + or /, as shown in WeChat');
  }
  return ok(value);
}

/** The central token server's URL: http or https, at most 2048 characters. */
export function checkTokenUrl(raw: string): Checked {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return no('The token URL must be a full http:// or https:// address');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || value.length > MAX_SECRET) {
    return no('The token URL must be a full http:// or https:// address');
  }
  return ok(value);
}

/** `Name: value`, the one header sent to the central token server (e.g. `Authorization: Bearer …`). */
export function parseHeaderLine(raw: string): Checked<{ name: string; value: string }> {
  const colon = raw.indexOf(':');
  const name = colon < 0 ? '' : raw.slice(0, colon).trim();
  const value = colon < 0 ? '' : raw.slice(colon + 1).trim();
  if (!HEADER_NAME.test(name) || value === '') return no('The header must look like "Name: value"');
  if (FORBIDDEN_HEADERS.has(name.toLowerCase())) return no(`The header cannot be ${name}`);
  if (/\p{Cc}/u.test(value) || value.length > MAX_SECRET) {
    return no(`The header value cannot contain control characters and has at most ${MAX_SECRET} characters`);
  }
  return ok({ name, value });
}

/** A secret shown back masked: only its last 4 characters (none of a short one), e.g. `••••••••abcd`. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `••••••••${secret.slice(-4)}` : '••••••••';
}

/** Where the central server lives, for messages: the origin only, since the path or query may hold a key. */
export function urlOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(invalid URL)';
  }
}
