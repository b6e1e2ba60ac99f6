import { describe, expect, it } from 'vitest';
import {
  isReservedName,
  parseMention,
  parseQuotaCommand,
  type QuotaCommand,
  RESERVED_WORDS,
} from '../../src/slack/command-parser.js';

describe('parseQuotaCommand', () => {
  it.each<[string, QuotaCommand]>([
    ['', { kind: 'all' }],
    ['   ', { kind: 'all' }],
    ['\t\n', { kind: 'all' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['  Help  ', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['help me please', { kind: 'help' }],
    ['Acme', { kind: 'one', name: 'Acme' }],
    ['  Acme   Mini\tPrograms  ', { kind: 'one', name: 'Acme Mini Programs' }],
    ['Acme\u00a0Corp', { kind: 'one', name: 'Acme Corp' }],
    ['腾讯 小程序', { kind: 'one', name: '腾讯 小程序' }],
    ['🚀 Rocket', { kind: 'one', name: '🚀 Rocket' }],
    ['helpdesk', { kind: 'one', name: 'helpdesk' }],
    ['subscribe', { kind: 'subcommand', name: 'subscribe', args: '' }],
    [
      'Subscribe <#C123|general>   mon 09:00',
      { kind: 'subcommand', name: 'subscribe', args: '<#C123|general> mon 09:00' },
    ],
    ['unsubscribe', { kind: 'subcommand', name: 'unsubscribe', args: '' }],
    ['SUBSCRIPTIONS', { kind: 'subcommand', name: 'subscriptions', args: '' }],
    ['alert 3', { kind: 'subcommand', name: 'alert', args: '3' }],
    ['alert off', { kind: 'subcommand', name: 'alert', args: 'off' }],
    ['alert 20% <#C1|ops>', { kind: 'subcommand', name: 'alert', args: '20% <#C1|ops>' }],
    ['setup', { kind: 'subcommand', name: 'setup', args: '' }],
    ['status', { kind: 'subcommand', name: 'status', args: '' }],
    ['admins add <@U123>', { kind: 'subcommand', name: 'admins', args: 'add <@U123>' }],
    ['language zh-CN', { kind: 'subcommand', name: 'language', args: 'zh-CN' }],
  ])('%j → %j', (text, expected) => {
    expect(parseQuotaCommand(text)).toEqual(expected);
  });

  it('undoes Slack escaping (should_escape: true) so "A&B <x>" finds the provider stored as typed', () => {
    expect(parseQuotaCommand('A&amp;B &lt;x&gt;')).toEqual({ kind: 'one', name: 'A&B <x>' });
    // Only one level: a user who typed "&amp;" literally gets "&amp;".
    expect(parseQuotaCommand('R&amp;amp;D')).toEqual({ kind: 'one', name: 'R&amp;D' });
  });

  it('takes the label of a link Slack made out of a typed domain', () => {
    expect(parseQuotaCommand('<http://acme.com|acme.com>')).toEqual({ kind: 'one', name: 'acme.com' });
    expect(parseQuotaCommand('<https://acme.com>')).toEqual({ kind: 'one', name: 'https://acme.com' });
  });

  it('normalises to NFC like stored names, so a decomposed "é" still matches', () => {
    expect(parseQuotaCommand('Cafe\u0301')).toEqual({ kind: 'one', name: 'Café' });
  });

  it('keeps mentions and channel references literal in a name (they are not provider names, and not pings)', () => {
    expect(parseQuotaCommand('<!channel>')).toEqual({ kind: 'one', name: '<!channel>' });
  });

  it('refuses a name longer than 80 characters, counting code points, saying how long it was', () => {
    expect(parseQuotaCommand('x'.repeat(80))).toEqual({ kind: 'one', name: 'x'.repeat(80) });
    expect(parseQuotaCommand('😀'.repeat(80))).toEqual({ kind: 'one', name: '😀'.repeat(80) });
    const result = parseQuotaCommand('x'.repeat(2000));
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.reason).toMatch(/2000 characters.*at most 80/);
  });

  it('refuses control characters that are not whitespace', () => {
    expect(parseQuotaCommand('Acme\u0000Corp')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/control/),
    });
    expect(parseQuotaCommand('Acme\u0007')).toMatchObject({ kind: 'invalid' });
    expect(parseQuotaCommand('Acme\u009b')).toMatchObject({ kind: 'invalid' });
  });
});

describe('parseMention', () => {
  const BOT = 'UBOT123';
  it.each<[string, QuotaCommand]>([
    ['<@UBOT123> quota', { kind: 'all' }],
    ['<@UBOT123>  QUOTA ', { kind: 'all' }],
    ['<@UBOT123> quota Acme', { kind: 'one', name: 'Acme' }],
    ['<@UBOT123> quota   Acme   Mini ', { kind: 'one', name: 'Acme Mini' }],
    ['<@UBOT123|quotabot> quota Acme', { kind: 'one', name: 'Acme' }],
    ['<@UBOT123>: quota Acme', { kind: 'one', name: 'Acme' }],
    ['<@UBOT123>, Quota: Acme', { kind: 'one', name: 'Acme' }],
    ['hey <@UBOT123> quota Acme', { kind: 'one', name: 'Acme' }],
    ['quota Acme <@UBOT123>', { kind: 'one', name: 'Acme' }],
    ['<@UBOT123> quota Acme <@UBOT123>', { kind: 'one', name: 'Acme' }],
    ['<@UBOT123> quota A&amp;B', { kind: 'one', name: 'A&B' }],
    ['<@UBOT123> quota help', { kind: 'help' }],
    ['<@UBOT123> quota subscribe', { kind: 'subcommand', name: 'subscribe', args: '' }],
    ['<@UBOT123> help', { kind: 'help' }],
    ['<@UBOT123> HELP!', { kind: 'help' }],
    ['<@UBOT123> ?', { kind: 'help' }],
    ['<@UBOT123>', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['<@UBOT123> what is the weather', { kind: 'help' }],
    // An app_mention always mentions the bot: if its id is not in the text, another mention stands in for it.
    ['<@UOTHER> quota Acme', { kind: 'one', name: 'Acme' }],
    ['<@UOTHER> <@UBOT123> quota', { kind: 'all' }],
    ['quotation <@UBOT123>', { kind: 'help' }],
  ])('%j → %j', (text, expected) => {
    expect(parseMention(text, BOT)).toEqual(expected);
  });

  it('refuses a too-long name after "quota" the same way /quota does', () => {
    expect(parseMention(`<@UBOT123> quota ${'n'.repeat(81)}`, BOT)).toMatchObject({ kind: 'invalid' });
  });

  it('does not mistake another user’s mention for the bot’s when the bot’s is there', () => {
    expect(parseMention('<@UBOT123> quota <@UBOT1234>', 'UBOT123')).toEqual({ kind: 'one', name: '<@UBOT1234>' });
  });

  it('still understands the command when the bot’s own id is unknown', () => {
    expect(parseMention('<@UBOT123> quota Acme', '')).toEqual({ kind: 'one', name: 'Acme' });
  });
});

describe('RESERVED_WORDS / isReservedName', () => {
  it('lists every command word, so no provider can be named like one', () => {
    for (const word of [
      'help',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'alert',
      'setup',
      'status',
      'admins',
      'language',
    ]) {
      expect(RESERVED_WORDS).toContain(word);
    }
  });

  it('refuses names whose first word would be read as a command, in any case', () => {
    expect(isReservedName('Help')).toBe(true);
    expect(isReservedName('alert systems')).toBe(true);
    expect(isReservedName('?')).toBe(true);
    expect(isReservedName('Helpdesk')).toBe(false);
    expect(isReservedName('Acme Status')).toBe(false);
  });
});
