/**
 * Secrets leave this module only as `[redacted]`. Redaction happens where text enters an error or a log line,
 * because undici messages, proxy error pages and echoed URLs can all carry the query string.
 */
const CENSOR = '[redacted]';

/**
 * The value of any `…token=` query parameter (access_token, component_access_token, …) up to the next delimiter.
 * No `\w*` prefix on purpose: on a long run of word characters that backtracks quadratically.
 */
const TOKEN_PARAM = /(token=)[^&#\s"'<>]*/gi;

/**
 * The value of a JSON field whose name ends in token, secret or ticket (component_access_token,
 * authorizer_refresh_token, component_appsecret, component_verify_ticket…), even in a body cut off mid-value.
 */
const JSON_SECRET_FIELD = /("[a-z_]*(?:token|secret|ticket)"\s*:\s*")[^"]*/gi;

/** Longest excerpt of a body we keep on an error: enough to recognise an HTML page or a proxy message. */
export const MAX_EXCERPT_CHARS = 200;

/**
 * Replaces every `…token=` query value, every JSON `"…token|secret|ticket": "…"` value and every literal secret
 * (raw and URL-encoded) with `[redacted]`.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN_PARAM, `$1${CENSOR}`).replace(JSON_SECRET_FIELD, `$1${CENSOR}`);
  for (const secret of secrets) {
    // An empty secret would match between every character and shred the text.
    if (secret === '') continue;
    out = out.replaceAll(secret, CENSOR);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replaceAll(encoded, CENSOR);
  }
  return out;
}

/** A redacted, whitespace-collapsed excerpt of at most 200 characters, safe to put on an error or in a log. */
export function excerpt(text: string, secrets: readonly string[] = [], maxChars = MAX_EXCERPT_CHARS): string {
  // Redact before cutting: cutting first could leave half a token that no longer matches.
  const flat = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`;
}
