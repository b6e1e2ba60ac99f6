import { AppError } from '../errors.js';

/** The XML is not the tiny flat document WeChat sends. */
export class PushXmlError extends AppError {
  constructor(message: string) {
    super('WECHAT_PUSH_MALFORMED', message);
  }
}

const MAX_FIELDS = 32;
const MAX_TAG = 64;
const FIELD = /^<([A-Za-z][A-Za-z0-9_]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<&]*))<\/([A-Za-z][A-Za-z0-9_]*)>/;
const PROLOG = /^<\?xml[^?<>]{0,100}\?>/;

/**
 * Parses `<xml><Tag>value</Tag><Tag><![CDATA[value]]></Tag>…</xml>` and nothing else: no attributes, nesting,
 * entities, comments or DTD (so no entity expansion and no external entities), at most 32 distinct fields of
 * at most `maxChars` in total. Returns the fields in a prototype-free object.
 */
export function parseFlatXml(text: string, maxChars = 64 * 1024): Record<string, string> {
  if (text.length > maxChars) throw new PushXmlError('The XML is too large');
  let rest = text.trim().replace(PROLOG, '').trim();
  if (!rest.startsWith('<xml>') || !rest.endsWith('</xml>')) throw new PushXmlError('The XML is not one <xml> element');
  rest = rest.slice('<xml>'.length, -'</xml>'.length).trim();
  const fields: Record<string, string> = Object.create(null);
  let count = 0;
  while (rest !== '') {
    const match = FIELD.exec(rest);
    if (!match) throw new PushXmlError('The XML has something other than flat text fields');
    const [whole, open, cdata, plain, close] = match;
    if (open !== close || open === undefined || open.length > MAX_TAG)
      throw new PushXmlError('The XML tags do not match');
    if (Object.hasOwn(fields, open)) throw new PushXmlError(`The XML repeats the field ${open}`);
    if (++count > MAX_FIELDS) throw new PushXmlError('The XML has too many fields');
    fields[open] = cdata ?? (plain ?? '').trim();
    rest = rest.slice(whole.length).trim();
  }
  return fields;
}
