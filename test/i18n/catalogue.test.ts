import { describe, expect, it } from 'vitest';
import { allAreas, messagesFor } from '../../src/i18n/catalogue.js';
import { LOCALES } from '../../src/i18n/locale.js';

type Message = string | ((params: unknown) => string);

/**
 * Sample parameters: any key a message reads gets a value that works as text (a marker `⟦key⟧`), as a list of names
 * (`.join`) and as a count. The markers show which parameters a message put in its text.
 */
function sampleParams(): unknown {
  return new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? [`⟦${key}⟧`] : undefined) });
}

/** Every parameter 1: for messages that look a parameter up in a table (a weekday number, say). */
function numericParams(): unknown {
  return new Proxy({}, { get: () => 1 });
}

function render(message: Message): string {
  if (typeof message !== 'function') return message;
  const text = message(sampleParams());
  return text.trim() === '' ? message(numericParams()) : text;
}

function markers(text: string): string[] {
  return [...text.matchAll(/⟦([^⟧]+)⟧/g)].map((m) => m[1] as string).sort();
}

const AREAS = Object.entries(allAreas());
const EN = 'en';
const ZH = 'zh-CN';

/**
 * What may stay in Latin letters inside Chinese text: commands and their words, code, WeChat's and Slack's own
 * identifiers and technical terms, example names, units. Everything else in a zh-CN text must be Chinese.
 */
const ALLOWED_LATIN = [
  /`[^`]*`/g, // code spans: commands, CLI lines, field names
  /⟦[^⟧]*⟧/g, // parameters
  /:[a-z_]+:/g, // emoji codes
  /<[^>]*>/g, // Slack tokens (mentions, dates, links)
  /https?:\/\/[\w./-]*/g,
  /\{"[^}]*\}/g, // JSON examples
  /\/quota(?: [a-z]+)?/g,
  /[\w-]*(?:\/[\w.-]+)+/g, // paths and zones: /wechat/callback, openapi/quota/get, Asia/Shanghai, /invite
  /--[a-z-]+/g,
  /\b(?:authorizer|component)_(?:access|refresh|verify)_(?:token|ticket)\b/g,
  /\b(?:access_token|clear_quota|cgi_path|ENCRYPTION_KEY)\b/g,
  /\b(?:errcode|appid|AppSecret|secret|refresh token|ticket|Token|EncodingAESKey|Key|api unauthorized)\b/g,
  /\b(?:Slack|HTTP|JSON|URL|IP|DNS|IANA|README|HTML|GET|Name|value|Authorization|Bearer|shell)\b/g,
  /\b(?:UTC|HH:MM|mon|tue|wed|thu|fri|sat|sun|wx|NAME|Acme|Quota Bot|zh-CN|en)\b/g,
  /\b(?:English|quota)\b/g, // a language's own name; the keyword of `@bot quota`
  /#[a-z-]+/g, // channel examples
];

function latinLeft(text: string): string[] {
  let rest = text;
  for (const pattern of ALLOWED_LATIN) rest = rest.replace(pattern, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

/** zh-CN texts that are rightly the same as English: a proper name or an identifier WeChat shows as is. */
const SAME_IN_BOTH = new Set(['setup.encodingAesKey']);

describe('the catalogue', () => {
  it('has every area in both languages, with exactly the same keys of the same kind', () => {
    expect(AREAS.length).toBeGreaterThan(5);
    for (const [area, byLocale] of AREAS) {
      for (const locale of LOCALES) expect(byLocale[locale], `${area} in ${locale}`).toBeTruthy();
      const en = byLocale[EN];
      const zh = byLocale[ZH];
      expect(Object.keys(zh).sort(), area).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect(typeof zh[key], `${area}.${key}`).toBe(typeof en[key]);
    }
  });

  it('gives a non-empty text for every message in every language, functions called with sample parameters', () => {
    for (const [area, byLocale] of AREAS) {
      for (const locale of LOCALES) {
        for (const [key, message] of Object.entries(byLocale[locale])) {
          const text = render(message as Message);
          expect(typeof text, `${locale} ${area}.${key}`).toBe('string');
          expect(text.trim(), `${locale} ${area}.${key}`).not.toBe('');
          expect(text, `${locale} ${area}.${key}`).not.toMatch(/undefined|\[object /);
        }
      }
    }
  });

  it('keeps the same placeholders in the Chinese text as in the English one', () => {
    for (const [area, byLocale] of AREAS) {
      for (const [key, message] of Object.entries(byLocale[EN])) {
        if (typeof message !== 'function') continue;
        const zh = byLocale[ZH][key] as Message;
        expect(markers(render(zh)), `${area}.${key}`).toEqual(markers(render(message as Message)));
      }
    }
  });

  it('leaves no English in Chinese texts beyond commands, code and WeChat’s own terms, and says 微信', () => {
    const offenders: string[] = [];
    for (const [area, byLocale] of AREAS) {
      for (const [key, message] of Object.entries(byLocale[ZH])) {
        const text = render(message as Message);
        const left = latinLeft(text);
        if (left.length > 0) offenders.push(`${area}.${key}: ${left.join(', ')} — ${text}`);
        if (/WeChat/.test(text.replace(/`[^`]*`/g, ''))) offenders.push(`${area}.${key}: says WeChat — ${text}`);
        const same = text === render(byLocale[EN][key] as Message);
        const words = text.replace(/`[^`]*`|⟦[^⟧]*⟧/g, '');
        if (same && !SAME_IN_BOTH.has(`${area}.${key}`) && /[A-Za-z]{4,}/.test(words)) {
          offenders.push(`${area}.${key}: same as English — ${text}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('builds each language once and serves it frozen', () => {
    for (const locale of LOCALES) {
      expect(messagesFor(locale)).toBe(messagesFor(locale));
      expect(Object.isFrozen(messagesFor(locale))).toBe(true);
    }
    expect(messagesFor(ZH).quota.beijingTime).toBe('北京时间');
    expect(messagesFor(EN).quota.beijingTime).toBe('Beijing time');
  });
});
