import { describe, expect, it } from 'vitest';
import { PushXmlError, parseFlatXml } from '../../src/wechat/push-xml.js';

describe('parseFlatXml', () => {
  it('reads CDATA and plain fields, with or without a prolog and whitespace between fields', () => {
    const fields = parseFlatXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<xml>\n  <AppId><![CDATA[wx1234567890abcdef]]></AppId>\n' +
        '  <CreateTime>1413192605</CreateTime>\n  <Encrypt><![CDATA[a+b/c=<not a tag>]]></Encrypt>\n</xml>\n',
    );
    expect(fields).toEqual({ AppId: 'wx1234567890abcdef', CreateTime: '1413192605', Encrypt: 'a+b/c=<not a tag>' });
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it.each([
    ['a DTD with an entity', '<!DOCTYPE xml [<!ENTITY x "boom">]><xml><A>&x;</A></xml>'],
    ['an entity reference', '<xml><A>&amp;</A></xml>'],
    ['an external entity', '<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><A>1</A></xml>'],
    ['nesting', '<xml><A><B>1</B></A></xml>'],
    ['attributes', '<xml><A x="1">1</A></xml>'],
    ['mismatched tags', '<xml><A>1</B></xml>'],
    ['a repeated field', '<xml><A>1</A><A>2</A></xml>'],
    ['another root', '<root><A>1</A></root>'],
    ['trailing garbage', '<xml><A>1</A></xml><xml></xml>'],
    ['a comment', '<xml><!-- hi --><A>1</A></xml>'],
    ['an unterminated CDATA', '<xml><A><![CDATA[1</A></xml>'],
    ['nothing', ''],
    ['JSON', '{"AppId":"wx"}'],
  ])('refuses %s', (_, text) => {
    expect(() => parseFlatXml(text)).toThrow(PushXmlError);
  });

  it('refuses more than 32 fields and more than the size cap', () => {
    const many = `<xml>${Array.from({ length: 33 }, (_, i) => `<F${i}>1</F${i}>`).join('')}</xml>`;
    expect(() => parseFlatXml(many)).toThrow(/too many/);
    expect(() => parseFlatXml(`<xml><A>${'x'.repeat(70_000)}</A></xml>`)).toThrow(/too large/);
  });

  it('a field named like an Object property is just a field', () => {
    const fields = parseFlatXml('<xml><constructor>1</constructor></xml>');
    expect(fields.constructor).toBe('1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
