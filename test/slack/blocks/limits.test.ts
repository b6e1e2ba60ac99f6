import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS, clampMrkdwn, headerBlock, mrkdwnContext } from '../../../src/slack/blocks/limits.js';
import { escapeMrkdwn, plainText, sanitize, truncateCodePoints } from '../../../src/slack/blocks/text.js';
import { assertWithinBlockKitLimits, blockKitViolations } from '../../helpers/block-kit-limits.js';

describe('text helpers', () => {
  it('escapeMrkdwn escapes &, < and > so nothing becomes a ping or a link', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U1> <http://x|y>')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@\u2060U1&gt; &lt;http://x|y&gt;',
    );
  });

  it('escapeMrkdwn breaks typed @-mentions with an invisible word joiner, but leaves e-mail addresses intact', () => {
    expect(escapeMrkdwn('@here and @channel')).toBe('@\u2060here and @\u2060channel');
    expect(escapeMrkdwn('ops@acme.com')).toBe('ops@acme.com');
  });

  it('escapeMrkdwn never cuts an entity in half when truncating', () => {
    const cut = escapeMrkdwn('&&&&&&', 12);
    expect(cut).toBe('&amp;&amp;…');
    expect(cut.length).toBeLessThanOrEqual(12);
  });

  it('truncation counts code points and never splits an emoji', () => {
    expect(truncateCodePoints('😀😀😀', 2)).toBe('😀…');
    expect(plainText('😀'.repeat(10), 5)).toBe('😀😀…');
  });

  it('sanitize removes what could break or reorder a line', () => {
    expect(sanitize('a\nb\tc\u0000d\u202ee\ud800f')).toBe('a b c de\ufffdf');
  });

  it('clampMrkdwn drops a half date token instead of sending a broken one', () => {
    const text = `${'x'.repeat(20)} <!date^1732582800^{date_short_pretty}|fallback>`;
    expect(clampMrkdwn(text, 30)).toBe(`${'x'.repeat(20)} …`);
  });
});

describe('block constructors', () => {
  it('headers are cut to 150 characters', () => {
    expect(headerBlock('h'.repeat(500)).text.text).toHaveLength(150);
  });

  it('contexts keep at most 10 elements', () => {
    expect(mrkdwnContext(Array.from({ length: 20 }, (_, i) => `e${i}`)).elements).toHaveLength(
      BLOCK_KIT_LIMITS.contextElements,
    );
  });
});

describe('assertWithinBlockKitLimits (the test helper itself)', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('accepts a small valid message', () => {
    expect(() => assertWithinBlockKitLimits({ text: 'hi', blocks: [section('hello')] })).not.toThrow();
  });

  it.each([
    ['too many blocks', { text: 'x', blocks: Array.from({ length: 51 }, () => section('a')) }, /51 blocks/],
    ['long section', { text: 'x', blocks: [section('a'.repeat(3001))] }, /3001 characters \(max 3000\)/],
    [
      'long header',
      { text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      /max 150/,
    ],
    [
      'mrkdwn header',
      { text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] },
      /must be plain_text/,
    ],
    [
      '11 fields',
      {
        text: 'x',
        blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      },
      /1–10 items/,
    ],
    [
      'long field',
      { text: 'x', blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }] },
      /max 2000/,
    ],
    [
      '11 context elements',
      {
        text: 'x',
        blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      },
      /1–10 items/,
    ],
    ['empty text', { text: 'x', blocks: [section('  ')] }, /empty text/],
    ['no fallback', { text: '', blocks: [section('a')] }, /fallback is empty/],
    ['long fallback', { text: 'x'.repeat(3001), blocks: [section('a')] }, /fallback is 3001/],
    ['too much text', { text: 'x', blocks: Array.from({ length: 5 }, () => section('a'.repeat(2500))) }, /in total/],
    ['a broadcast', { text: 'x', blocks: [section('hey <!channel>')] }, /broadcast/],
    ['a long block_id', { text: 'x', blocks: [{ ...section('a'), block_id: 'b'.repeat(256) }] }, /block_id/],
  ])('rejects %s', (_, message, problem) => {
    expect(blockKitViolations(message).join('\n')).toMatch(problem);
    expect(() => assertWithinBlockKitLimits(message)).toThrow(/Block Kit limits/);
  });
});
