import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { browserLocale } from '../../src/slack/installations/install-pages.js';

const withHeader = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'accept-language': value } }) as IncomingMessage;

describe('browserLocale (the install result page language)', () => {
  it.each([
    [undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR, de;q=0.8', 'en'],
    ['fr-FR, zh;q=0.5, en;q=0.4', 'zh-CN'],
    ['en;q=0.3, zh-CN;q=0.9', 'zh-CN'],
    ['zh-CN;q=0, en', 'en'],
    [';;;,,q=x', 'en'],
  ] as const)('%j → %s', (header, locale) => {
    expect(browserLocale(withHeader(header))).toBe(locale);
  });
});
