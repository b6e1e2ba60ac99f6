import { describe, expect, it } from 'vitest';
import { explainFailure, type FailureExplanation } from '../../../src/quota/explain-failure.js';
import { buildQuotaMessage, type ProviderOutcome, type SlackMessage } from '../../../src/slack/blocks/index.js';
import { WeChatApiError, WeChatTransportError } from '../../../src/wechat/errors.js';
import { assertWithinBlockKitLimits } from '../../helpers/block-kit-limits.js';

const NOW = new Date('2024-11-26T01:00:00Z'); // 26 Nov, 09:00 Beijing time
const SHANGHAI = 'Asia/Shanghai';

function ok(name: string, rest: number, limit: number, speedupRest = 0, speedupLimit = 0): ProviderOutcome {
  return { name, ok: true, reading: { rest, limit, speedupRest, speedupLimit, checkedAt: NOW } };
}

function failed(name: string, failure: FailureExplanation): ProviderOutcome {
  return { name, ok: false, failure };
}

function build(outcomes: ProviderOutcome[], timeZone = SHANGHAI, now = NOW): SlackMessage {
  const message = buildQuotaMessage({ outcomes, now, timeZone });
  assertWithinBlockKitLimits(message);
  return message;
}

/** Every string a reader can see in the blocks, in order. */
function blockTexts(message: SlackMessage): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') out.push(inner);
        else visit(inner);
      }
    }
  };
  visit(message.blocks);
  return out;
}

const visible = (message: SlackMessage) => blockTexts(message).join('\n');
const permission = explainFailure(new WeChatApiError(48001, 'api unauthorized', 'permission_missing'));
const timeout = explainFailure(new WeChatTransportError('timeout', 'timed out'));

describe('buildQuotaMessage — one provider', () => {
  const message = build([ok('Acme', 8, 27)]);

  it('shows the provider name as a header', () => {
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Acme', emoji: true } });
  });

  it('shows audits left of the limit with a 10-segment bar, and expedited left of its limit', () => {
    const text = visible(message);
    expect(text).toContain('▰▰▰▱▱▱▱▱▱▱  *8 of 27* audits left');
    expect(text).toContain('Expedited: *0 of 0* (none this month)');
  });

  it('labels the reset as assumed, in the zone’s words, with days left', () => {
    expect(visible(message)).toContain('Resets 1 Dec, 00:00 Beijing time (assumed) · 5 days left');
  });

  it('says when it was checked with a Slack date token, so each reader sees local time', () => {
    expect(visible(message)).toContain(
      'Checked <!date^1732582800^{date_short_pretty} {time}|26 Nov 2024, 09:00 Beijing time>',
    );
  });

  it('states the numbers in the plain fallback text, without mrkdwn dates', () => {
    expect(message.text).toBe('Acme: 8 of 27 audits left, 0 of 0 expedited');
  });

  it('shows no warning when plenty is left', () => {
    expect(visible(message)).not.toMatch(/85085|89405|Running low/);
  });
});

describe('buildQuotaMessage — warnings', () => {
  it('exhausted: says code submissions fail with errcode 85085 until the reset, with an empty bar', () => {
    const text = visible(build([ok('Acme', 0, 27)]));
    expect(text).toContain('▱▱▱▱▱▱▱▱▱▱  *0 of 27* audits left');
    expect(text).toContain(
      '*No audits left.* Submitting code for audit fails with errcode 85085 until the quota resets',
    );
    expect(text).toContain('(1 Dec, assumed)');
  });

  it('low: warns with the number left', () => {
    const text = visible(build([ok('Acme', 2, 27)]));
    expect(text).toContain('*Running low:* only 2 audits left.');
    expect(text).toContain('▰▱▱▱▱▱▱▱▱▱  *2 of 27*');
    expect(visible(build([ok('Acme', 1, 27)]))).toContain('only 1 audit left.');
  });

  it('expedited exhausted: says expediting fails with errcode 89405', () => {
    const text = visible(build([ok('Acme', 20, 27, 0, 3)]));
    expect(text).toContain('Expedited: *0 of 3*');
    expect(text).toContain('Expediting fails with errcode 89405');
  });

  it('a limit of 0 does not divide by zero: empty bar, exhausted', () => {
    const text = visible(build([ok('Acme', 0, 0)]));
    expect(text).toContain('▱▱▱▱▱▱▱▱▱▱  *0 of 0* audits left');
    expect(text).toContain('85085');
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('the bar is only full when nothing is used, and shows at least one segment when any audit is left', () => {
    expect(visible(build([ok('A', 27, 27)]))).toContain('▰▰▰▰▰▰▰▰▰▰  *27 of 27*');
    expect(visible(build([ok('A', 26, 27)]))).toContain('▰▰▰▰▰▰▰▰▰▱  *26 of 27*');
    expect(visible(build([ok('A', 1, 1000)]))).toContain('▰▱▱▱▱▱▱▱▱▱  *1 of 1000*');
    expect(visible(build([ok('A', 40, 27)]))).toContain('▰▰▰▰▰▰▰▰▰▰  *40 of 27*');
  });

  it('numbers that are not numbers show as "?" rather than NaN', () => {
    const message = build([ok('A', Number.NaN, 27)]);
    expect(visible(message)).toContain('*? of 27*');
    expect(message.text).toContain('? of 27');
  });
});

describe('buildQuotaMessage — reset label', () => {
  it('derives the label from the zone, with DST (Berlin in March resets at CEST midnight)', () => {
    const text = visible(build([ok('Acme', 8, 27)], 'Europe/Berlin', new Date('2024-03-20T12:00:00Z')));
    expect(text).toContain('Resets 1 Apr, 00:00 Central European Summer Time (assumed) · 12 days left');
  });

  it('says "less than a day left" on the last evening and "1 day left" a day before', () => {
    expect(visible(build([ok('A', 8, 27)], SHANGHAI, new Date('2024-11-30T15:59:00Z')))).toContain(
      'Resets 1 Dec, 00:00 Beijing time (assumed) · less than a day left',
    );
    expect(visible(build([ok('A', 8, 27)], SHANGHAI, new Date('2024-11-29T16:00:00Z')))).toContain('· 1 day left');
  });

  it('falls back to Beijing time, and says so, if the configured zone is not a zone', () => {
    expect(visible(build([ok('A', 8, 27)], 'Not/AZone'))).toContain('Resets 1 Dec, 00:00 Beijing time (assumed)');
  });

  it('names zones without an English name by their offset and IANA id', () => {
    expect(visible(build([ok('A', 8, 27)], 'Asia/Dubai'))).toMatch(
      /00:00 (Gulf Standard Time|GMT\+04:00 \(Asia\/Dubai\))/,
    );
  });
});

describe('buildQuotaMessage — failures', () => {
  it('shows the explanation in place of the numbers, without hiding the other providers', () => {
    const message = build([ok('Acme', 8, 27), failed('Beta', permission), ok('Gamma', 0, 10)]);
    const text = visible(message);
    expect(text).toContain('*8 of 27*');
    expect(text).toContain('*0 of 10*');
    expect(text).toContain(`*${permission.headline}*`);
    expect(text).toContain('errcode 48001');
    expect(text).toContain('*What to do:* In the mini program’s authorization settings, grant permission set 18');
    expect(text).toContain('code `WECHAT_API_PERMISSION_MISSING`');
    expect(blockTexts(message).filter((t) => ['Acme', 'Beta', 'Gamma'].includes(t))).toEqual(['Acme', 'Beta', 'Gamma']);
    expect(message.text).toBe(
      'Acme: 8 of 27 audits left, 0 of 0 expedited · Beta: could not check (The mini program has not granted ' +
        'the needed permission) · Gamma: 0 of 10 audits left, 0 of 0 expedited',
    );
  });

  it('escapes the failure text (a verbatim errmsg cannot ping or inject links)', () => {
    const failure = explainFailure(new WeChatApiError(12345, 'oops <!channel> <http://evil|click> & more', 'unknown'));
    const text = visible(build([failed('Acme', failure)]));
    expect(text).toContain('&lt;!channel&gt; &lt;http://evil|click&gt; &amp; more');
    expect(text).not.toContain('<!channel>');
  });

  it('a failure with absurdly long fields still fits', () => {
    const huge: FailureExplanation = {
      code: 'X'.repeat(500),
      headline: 'h'.repeat(5000),
      detail: 'd'.repeat(9000),
      action: 'a'.repeat(9000),
    };
    const message = build([failed('Acme', huge)]);
    expect(visible(message)).toContain('hhhh');
  });
});

describe('buildQuotaMessage — hostile names', () => {
  it('keeps names literal: no broadcast, no link, no markup injection', () => {
    const message = build([ok('<!channel> & <@U123> *bold* _it_ ~s~', 8, 27), ok('@here team', 9, 27)]);
    const texts = blockTexts(message);
    // Headers are plain text: shown as typed, with mention syntax broken by an invisible word joiner.
    expect(texts[0]).toBe('<\u2060!channel> & <\u2060@U123> *bold* _it_ ~s~');
    expect(texts).toContain('@\u2060here team');
    // The fallback is mrkdwn: escaped.
    expect(message.text).toContain('&lt;!channel&gt; &amp; &lt;@');
    expect(message.text).toContain('@\u2060here team');
    expect(message.text).not.toMatch(/<!|<@/);
  });

  it('cuts a 2,000-character name by code points with an ellipsis, never splitting an emoji', () => {
    const message = build([ok('😀'.repeat(2000), 8, 27)]);
    const header = blockTexts(message)[0] ?? '';
    expect(header.endsWith('…')).toBe(true);
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('turns control characters and bidi overrides into nothing that can reorder or break a line', () => {
    const message = build([ok('Evil\u202eemaN\n\tline\u0000two', 8, 27)]);
    expect(blockTexts(message)[0]).toBe('EvilemaN line two');
  });

  it('an empty name is still shown as something', () => {
    expect(blockTexts(build([ok('   ', 8, 27)]))[0]).toBe('(unnamed)');
  });
});

describe('buildQuotaMessage — many providers', () => {
  it('up to 10 providers: detailed, one header per provider, in the order given', () => {
    const outcomes = Array.from({ length: 10 }, (_, i) => ok(`P${i}`, 10 - i, 27));
    const message = build(outcomes);
    const headers = message.blocks.filter((b) => b.type === 'header');
    expect(headers).toHaveLength(10);
    expect(blockTexts(message)[0]).toBe('P0');
  });

  it('11+ providers: compact, one line each, most urgent first, with a summary', () => {
    const outcomes = [
      ...Array.from({ length: 10 }, (_, i) => ok(`Fine ${i}`, 20, 27)),
      ok('Low', 2, 27),
      failed('Broken', timeout),
      ok('Empty', 0, 27, 0, 3),
    ];
    const message = build(outcomes);
    expect(message.blocks.filter((b) => b.type === 'header')).toHaveLength(1);
    const text = visible(message);
    expect(text).toContain('WeChat audit quota · 13 providers');
    expect(text).toContain(
      ':red_circle: 1 exhausted · :warning: 1 could not be checked · :large_orange_circle: 1 running low',
    );
    expect(text).toContain('Resets 1 Dec, 00:00 Beijing time (assumed) · 5 days left · as of <!date^');
    const lines = text.split('\n').filter((line) => line.includes(' — '));
    expect(lines[0]).toBe(
      '🔴 Empty — 0 of 27 audits left · expedited 0 of 3 · submissions fail (85085) · expediting fails (89405)',
    );
    expect(lines[1]).toBe('⚠️ Broken — could not check: WeChat did not answer in time');
    expect(lines[2]).toBe('🟠 Low — 2 of 27 audits left · expedited 0 of 0');
    expect(lines[3]).toBe('🟢 Fine 0 — 20 of 27 audits left · expedited 0 of 0');
    expect(lines).toHaveLength(13);
    expect(text).not.toContain('more — use');
    expect(
      message.text.startsWith(
        '13 providers (1 exhausted, 1 could not be checked, 1 running low, 10 ok): Empty: 0 of 27',
      ),
    ).toBe(true);
  });

  it('200 providers with 2,000-character names: within limits, urgent ones shown, "…and N more" for the rest', () => {
    const outcomes = Array.from({ length: 200 }, (_, i) =>
      i === 150 ? ok(`Critical ${'z'.repeat(2000)}`, 0, 27) : ok(`${i} ${'n'.repeat(2000)}`, 20, 27),
    );
    const message = build(outcomes);
    const text = visible(message);
    expect(text).toMatch(/^🔴 Critical z+… — 0 of 27 audits left/m);
    const more = /…and (\d+) more — use `\/quota NAME` to see one provider\./.exec(text);
    expect(more).not.toBeNull();
    const shownLines = text.split('\n').filter((line) => line.includes(' audits left · '));
    expect(shownLines.length + Number(more?.[1])).toBe(200);
    expect(shownLines.length).toBeGreaterThan(30);
    expect(message.text).toMatch(/…and \d+ more$/);
  });

  it('200 short names mostly fit; mixed failures stay visible at the top', () => {
    const outcomes = Array.from({ length: 200 }, (_, i) =>
      i % 25 === 0 ? failed(`Team ${i}`, permission) : ok(`Team ${i}`, (i * 7) % 28, 27, i % 2, 1),
    );
    const message = build(outcomes);
    const lines = visible(message)
      .split('\n')
      .filter((line) => line.includes(' — '));
    const firstFailure = lines.findIndex((line) => line.startsWith('⚠️'));
    const firstOk = lines.findIndex((line) => line.startsWith('🟢'));
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(firstFailure).toBeLessThan(firstOk);
    expect(lines.filter((line) => line.startsWith('⚠️'))).toHaveLength(8);
  });

  it('ten providers whose failure texts are huge fall back to compact rather than break the limits', () => {
    const huge: FailureExplanation = {
      code: 'X',
      headline: 'Broken',
      detail: 'd'.repeat(3000),
      action: 'a'.repeat(3000),
    };
    const message = build(Array.from({ length: 10 }, (_, i) => failed(`P${i}`, huge)));
    expect(visible(message)).toContain('WeChat audit quota · 10 providers');
  });

  it('no outcomes at all still gives a valid message', () => {
    expect(build([]).text).toBe('No WeChat providers to show.');
  });
});
