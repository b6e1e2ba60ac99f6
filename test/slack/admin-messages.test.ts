import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locale.js';
import { parseLanguage } from '../../src/slack/admin-commands/language.js';
import { parseUserRef } from '../../src/slack/admin-commands/user-ref.js';
import { buildAdminsListMessage, buildLanguageMessage } from '../../src/slack/blocks/admin-messages.js';
import { buildRefusalMessage } from '../../src/slack/blocks/refusal-message.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';

const HOSTILE = `<!channel> *bold* \`code\` <@U0EVIL> ${'长'.repeat(400)} &amp; \u202e`;

describe('/quota admins and /quota language parsing', () => {
  it('reads one escaped user mention, with or without a label, and nothing else', () => {
    expect(parseUserRef('<@U0123ABCD>')).toEqual({ ok: true, userId: 'U0123ABCD' });
    expect(parseUserRef('  <@W0123ABCD|lin.wang> ')).toEqual({ ok: true, userId: 'W0123ABCD' });
    expect(parseUserRef('<@U0123ABCD> <@U0123ABCD|again>')).toEqual({ ok: true, userId: 'U0123ABCD' });
    expect(parseUserRef('<@U0123ABCD> <@U0999ZZZZ>')).toEqual({ ok: false, reason: 'several' });
    expect(parseUserRef('@lin')).toEqual({ ok: false, reason: 'none' });
    expect(parseUserRef('<#C0123|ops> <!here>')).toEqual({ ok: false, reason: 'none' });
    expect(parseUserRef('')).toEqual({ ok: false, reason: 'none' });
  });

  it('knows each language by its usual names', () => {
    for (const word of ['zh-CN', 'ZH', 'cn', '中文', 'Chinese', 'zh_cn']) expect(parseLanguage(word)).toBe('zh-CN');
    for (const word of ['en', 'EN', 'English', 'en-US']) expect(parseLanguage(word)).toBe('en');
    for (const word of ['fr', 'zh-TW-x', 'english please', '']) expect(parseLanguage(word)).toBeNull();
  });
});

describe.each(LOCALES)('admin builders in %s', (locale) => {
  it('names up to three bot admins to ask, and only user ids', () => {
    const message = buildRefusalMessage({
      locale,
      purpose: HOSTILE,
      askUserIds: ['U0AAAAAAA1', 'not-an-id>', 'U0BBBBBBB2', 'U0CCCCCCC3', 'U0DDDDDDD4'],
    });
    assertWithinBlockKitLimits(message);
    const shown = JSON.stringify(message);
    expect(shown).toContain('<@U0AAAAAAA1>');
    expect(shown).toContain('<@U0CCCCCCC3>');
    expect(shown).not.toContain('U0DDDDDDD4');
    expect(shown).not.toContain('not-an-id');
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<@U0EVIL>');
  });

  it('names no one when only Slack admins can do it', () => {
    const message = buildRefusalMessage({ locale, purpose: 'x', askUserIds: ['U0AAAAAAA1'], slackAdminsOnly: true });
    expect(JSON.stringify(message)).not.toContain('U0AAAAAAA1');
  });

  it('lists any number of bot admins within Block Kit limits, saying how many are not shown', () => {
    const admins = Array.from({ length: 500 }, (_, i) => ({
      userId: `U${String(i).padStart(10, '0')}`,
      addedBy: i % 2 === 0 ? 'U0ADMIN001' : 'garbage`<@x>',
      addedAt: new Date(Date.UTC(2026, 10, 26) + i * 60_000),
    }));
    const message = buildAdminsListMessage({ locale, admins });
    assertWithinBlockKitLimits(message);
    const shown = JSON.stringify(message);
    expect(shown).toContain('<@U0000000000>');
    expect(shown).toMatch(/<!date\^\d+\^\{date_short\}\|2026-11-26>/);
    expect(shown).not.toContain('<@x>');
    expect(shown).toMatch(locale === 'en' ? /and \d+ more/ : /还有 \d+ 人/);
    assertWithinBlockKitLimits(buildAdminsListMessage({ locale, admins: [] }));
  });

  it('shows, confirms and refuses languages within Block Kit limits', () => {
    for (const current of [null, ...LOCALES]) {
      for (const outcome of ['shown', 'changed', 'unchanged', { unknown: HOSTILE }] as const) {
        const message = buildLanguageMessage({ locale, current, outcome });
        assertWithinBlockKitLimits(message);
        expect(JSON.stringify(message)).not.toContain('<!channel>');
      }
    }
  });
});
