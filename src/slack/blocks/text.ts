/** Turning untrusted text (provider names, WeChat's errmsg, user input) into something safe to show in Slack. */

const ELLIPSIS = '…';
// Controls (including newlines and tabs) become spaces; bidi overrides/isolates would reorder the rest of a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** U+2060 WORD JOINER: invisible, and stops a typed `@channel`, `@here`, `@someone` from being read as a mention. */
const WORD_JOINER = '\u2060';

/** One line of displayable text: no controls, no bidi tricks, no lone surrogates, whitespace collapsed. */
export function sanitize(raw: string): string {
  return String(raw)
    .replace(LONE_SURROGATES, '\ufffd')
    .replace(CONTROLS, ' ')
    .replace(BIDI_CONTROLS, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Cuts `text` to at most `maxCodePoints` code points (never splitting a surrogate pair), ending in "…" if cut. */
export function truncateCodePoints(text: string, maxCodePoints: number): string {
  const points = Array.from(text);
  if (points.length <= maxCodePoints) return text;
  return points.slice(0, Math.max(0, maxCodePoints - 1)).join('') + ELLIPSIS;
}

/** Cuts `text` so its `.length` (UTF-16 units, what limits are checked against) is at most `maxLength`. */
export function truncateLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let out = '';
  for (const point of text) {
    if (out.length + point.length > maxLength - ELLIPSIS.length) break;
    out += point;
  }
  return out + ELLIPSIS;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function escapePoint(point: string, previous: string | undefined, next: string | undefined): string {
  if (point === '&') return '&amp;';
  if (point === '<') return '&lt;';
  if (point === '>') return '&gt;';
  // Only where a mention could start: `ops@acme.com` stays intact (and copyable).
  if (point === '@' && next !== undefined && WORD_CHAR.test(next) && !(previous && WORD_CHAR.test(previous))) {
    return `@${WORD_JOINER}`;
  }
  return point;
}

/**
 * Untrusted text made safe inside mrkdwn: sanitized, `&<>` escaped (so `<!channel>` and `<@U1>` stay literal),
 * `@word` neutralised, and cut to `maxLength` UTF-16 units without splitting an escape. Markup characters
 * (`*_~`) are left as they are: at worst they change emphasis, they cannot break the message.
 */
export function escapeMrkdwn(raw: string, maxLength = Number.POSITIVE_INFINITY): string {
  const points = Array.from(sanitize(raw));
  const pieces = points.map((point, index) => escapePoint(point, points[index - 1], points[index + 1]));
  const full = pieces.join('');
  if (full.length <= maxLength) return full;
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > maxLength - ELLIPSIS.length) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/**
 * Untrusted text for a plain_text object: sanitized, cut to `maxLength`, and with mention syntax broken up
 * (`<!channel>` → `<⁠!channel>`, `@here` → `@⁠here`, invisible word joiners) in case a client ever parses it.
 */
export function plainText(raw: string, maxLength = Number.POSITIVE_INFINITY): string {
  const points = Array.from(sanitize(raw));
  const neutral = points
    .map((point, index) => {
      const previous = points[index - 1];
      const next = points[index + 1];
      if (point === '<' && next !== undefined && /[!@#]/.test(next)) return `<${WORD_JOINER}`;
      if (previous === '<') return point;
      if (point === '@' && next !== undefined && WORD_CHAR.test(next) && !(previous && WORD_CHAR.test(previous))) {
        return `@${WORD_JOINER}`;
      }
      return point;
    })
    .join('');
  return truncateLength(neutral, maxLength);
}

/** A provider name for display: sanitized, at most `maxCodePoints`, never empty. */
export function displayName(name: string, maxCodePoints: number): string {
  const clean = sanitize(name);
  return clean === '' ? '(unnamed)' : truncateCodePoints(clean, maxCodePoints);
}
