import fc from 'fast-check';

/** Hostile text pieces: Slack markup, mentions, entities, control characters, lone surrogates, odd whitespace. */
const PIECES = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S123>',
  '<@U0123ABCD>',
  '<#C0123ABCD|ops>',
  '<http://evil.example|click>',
  '<mailto:a@b.c>',
  '&amp;',
  '&lt;',
  '&gt;',
  '&',
  '<',
  '>',
  '*bold*',
  '_it_',
  '~s~',
  '`code`',
  '```',
  '>quote',
  ':rocket:',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u200b',
  '\u200e',
  '\u202e',
  '\u2028',
  '\ufeff',
  '\u00a0',
  '\t',
  '\n',
  '\r\n',
  ' ',
  'e\u0301',
  '\u0301',
  '🚀',
  '👩‍👩‍👧',
  '🇨🇳',
  '腾讯',
  'مرحبا',
  'help',
  'quota',
  '?',
  '%',
  '#',
  '\\',
  '"',
  "'",
  '{}',
  '[]',
];

/** Any string, weighted towards the pieces that break naive escaping and length arithmetic. */
export const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
        { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));

/** Long text too: names and errors far past every limit. */
export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    { weight: 1, arbitrary: hostileString(8).map((s) => s.repeat(200)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 300, maxLength: 5000 }) },
  );

/** How Slack escapes command text with `should_escape: true`. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
