import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WeChatApiError, WeChatBadPayloadError } from '../../src/wechat/errors.js';
import {
  decryptPush,
  PUSH_BLOCK_BYTES,
  PushRejectedError,
  pushKey,
  pushSignature,
  verifyPushSignature,
} from '../../src/wechat/push-crypto.js';
import { PushXmlError, parseFlatXml } from '../../src/wechat/push-xml.js';
import { parseQuotaBody } from '../../src/wechat/quota-response.js';
import { encryptPush } from '../helpers/wechat-push.js';
import { hostileText } from './arbitraries.js';

const RUNS = { numRuns: 200 };
/** No lone surrogate (String.prototype.isWellFormed is ES2024, past this project's lib). */
const isWellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A valid EncodingAESKey: 43 base64 characters whose last one leaves no stray bits (so it decodes to 32 bytes). */
const encodingAesKey = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...BASE64), minLength: 42, maxLength: 42 }),
    fc.constantFrom(...'AEIMQUYcgkosw048'),
  )
  .map(([head, last]) => `${head}${last}`);
/** Well-formed Unicode (a lone surrogate has no UTF-8 form, so it cannot survive any byte encoding). */
const message = fc.string({ unit: 'binary', maxLength: 300 }).filter(isWellFormed);
const appId = fc.oneof(
  fc.stringMatching(/^wx[0-9a-f]{16}$/),
  fc.string({ unit: 'binary', maxLength: 40 }).filter(isWellFormed),
);
const token = fc.string({ unit: fc.constantFrom(...BASE64), minLength: 3, maxLength: 32 });
const timestamp = fc.integer({ min: 0, max: 4_102_444_800 }).map(String);
const nonce = fc.stringMatching(/^[A-Za-z0-9]{1,16}$/);

function flipBit(bytes: Buffer, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = Math.floor(bit / 8) % copy.length;
  copy[index] = (copy[index] as number) ^ (1 << (bit % 8));
  return copy;
}

/** Runs `fn`; the only acceptable failure is a PushRejectedError (a typed rejection, never a crash). */
function rejectedOrValue<T>(fn: () => T): T | PushRejectedError {
  try {
    return fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PushRejectedError);
    return err as PushRejectedError;
  }
}

describe('WeChat push crypto', () => {
  it('decrypt(encrypt(x)) = x for any message and appid', () => {
    fc.assert(
      fc.property(
        encodingAesKey,
        message,
        appId,
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (key, msg, id, random) => {
          expect(pushKey(key)).toHaveLength(32);
          expect(decryptPush(key, encryptPush(key, msg, id, Buffer.from(random)), id)).toBe(msg);
        },
      ),
      RUNS,
    );
  });

  it('a message encrypted for another appid is rejected as such', () => {
    fc.assert(
      fc.property(encodingAesKey, message, appId, appId, (key, msg, id, other) => {
        fc.pre(id !== other);
        const result = rejectedOrValue(() => decryptPush(key, encryptPush(key, msg, other), id));
        expect(result).toBeInstanceOf(PushRejectedError);
        expect((result as PushRejectedError).reason).toBe('appid');
      }),
      RUNS,
    );
  });

  it('arbitrary Encrypt text, bytes and keys give a PushRejectedError, never another exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(encodingAesKey, hostileText()),
        fc.oneof(
          hostileText(),
          fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b).toString('base64')),
          fc
            .integer({ min: 1, max: 8 })
            .chain((blocks) =>
              fc
                .uint8Array({ minLength: blocks * PUSH_BLOCK_BYTES, maxLength: blocks * PUSH_BLOCK_BYTES })
                .map((b) => Buffer.from(b).toString('base64')),
            ),
        ),
        appId,
        (key, encrypt, id) => {
          const result = rejectedOrValue(() => decryptPush(key, encrypt, id));
          if (typeof result === 'string') expect(typeof result).toBe('string');
        },
      ),
      RUNS,
    );
  });

  it('a flipped ciphertext bit never crashes decryption (CBC has no integrity: the signature is what rejects it)', () => {
    fc.assert(
      fc.property(encodingAesKey, message, appId, fc.nat(), (key, msg, id, bit) => {
        const encrypted = Buffer.from(encryptPush(key, msg, id), 'base64');
        const tampered = flipBit(encrypted, bit).toString('base64');
        const result = rejectedOrValue(() => decryptPush(key, tampered, id));
        // Garbled: either refused, or (bit in an earlier block) a different message that the signature check stops.
        if (typeof result === 'string') expect(result).not.toBe(msg);
      }),
      RUNS,
    );
  });

  it('the signature accepts the genuine push and rejects any flipped bit in the signature or the ciphertext', () => {
    fc.assert(
      fc.property(token, timestamp, nonce, encodingAesKey, message, fc.nat(), (tok, ts, n, key, msg, bit) => {
        const encrypt = encryptPush(key, msg, 'wx0123456789abcdef');
        const signature = pushSignature(tok, ts, n, encrypt);
        const query = { timestamp: ts, nonce: n, msgSignature: signature };
        expect(verifyPushSignature(tok, query, encrypt)).toBe(true);

        const flippedSignature = flipBit(Buffer.from(signature, 'hex'), bit).toString('hex');
        expect(verifyPushSignature(tok, { ...query, msgSignature: flippedSignature }, encrypt)).toBe(false);
        const flippedCiphertext = flipBit(Buffer.from(encrypt, 'base64'), bit).toString('base64');
        expect(verifyPushSignature(tok, query, flippedCiphertext)).toBe(false);
        expect(verifyPushSignature(`${tok}x`, query, encrypt)).toBe(false);
      }),
      RUNS,
    );
  });

  it('any signature text is answered true/false, never a throw', () => {
    fc.assert(
      fc.property(token, hostileText(), hostileText(), hostileText(), hostileText(), (tok, ts, n, sig, encrypt) => {
        expect(typeof verifyPushSignature(tok, { timestamp: ts, nonce: n, msgSignature: sig }, encrypt)).toBe(
          'boolean',
        );
      }),
      RUNS,
    );
  });
});

describe('WeChat push XML', () => {
  const tag = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/);
  const cdataValue = fc.string({ unit: 'binary', maxLength: 60 }).filter((v) => !v.includes(']]>'));

  it('parses back any flat document of CDATA fields', () => {
    fc.assert(
      fc.property(fc.dictionary(tag, cdataValue, { maxKeys: 32 }), fc.boolean(), (fields, prolog) => {
        const body = Object.entries(fields)
          .map(([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`)
          .join('\n');
        const xml = `${prolog ? '<?xml version="1.0" encoding="utf-8"?>' : ''}<xml>${body}</xml>`;
        expect({ ...parseFlatXml(xml) }).toEqual({ ...fields });
      }),
      RUNS,
    );
  });

  it('any text gives fields or a PushXmlError, and never a prototype-polluting object', () => {
    const xmlish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '<xml>',
            '</xml>',
            '<A>',
            '</A>',
            '<![CDATA[',
            ']]>',
            '<!DOCTYPE x [<!ENTITY e "e">]>',
            '&e;',
          ),
          fc.constantFrom('<__proto__>', '</__proto__>', '<constructor>', '</constructor>', '<a b="c">', '<?xml ?>'),
          hostileText(),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(xmlish, (text) => {
        try {
          const fields = parseFlatXml(text);
          expect(Object.getPrototypeOf(fields)).toBeNull();
          for (const value of Object.values(fields)) expect(typeof value).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(PushXmlError);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('stays fast on adversarial input at the size cap', () => {
    for (const text of [
      `<xml>${'<a>'.repeat(21_000)}</xml>`,
      `<xml><A><![CDATA[${'x'.repeat(65_000)}</A></xml>`,
      `<xml>${'<A>x</A>'.repeat(9_000)}</xml>`,
      `<xml><A>${' '.repeat(65_000)}</xml>`,
    ]) {
      const started = performance.now();
      expect(() => parseFlatXml(text)).toThrow(PushXmlError);
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});

describe('WeChat queryquota body', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9_-]{20,48}$/);
  const body = (s: string) =>
    fc.oneof(
      hostileText(),
      fc
        .record({
          errcode: fc.oneof(fc.integer(), fc.constant(0), fc.string()),
          errmsg: fc.oneof(fc.constant(`invalid credential, access_token is ${s}`), hostileText()),
          rest: fc.oneof(fc.integer(), fc.double(), fc.string()),
          limit: fc.oneof(fc.nat(), fc.constant(-1)),
          speedup_rest: fc.nat(),
          speedup_limit: fc.nat(),
        })
        .map((json) => JSON.stringify(json)),
      fc.constantFrom(`<html>token=${s}</html>`, `{"access_token":"${s}"`, `{"errcode":40001,"errmsg":"${s}"}`),
    );

  it('any body gives a Quota of whole non-negative numbers or a typed WeChat error, never the secret', () => {
    fc.assert(
      fc.property(
        secret.chain((s) => fc.tuple(fc.constant(s), body(s))),
        ([s, text]) => {
          try {
            const quota = parseQuotaBody(text, [s]);
            for (const value of Object.values(quota)) expect(Number.isInteger(value) && value >= 0).toBe(true);
          } catch (err) {
            expect(err instanceof WeChatApiError || err instanceof WeChatBadPayloadError).toBe(true);
            const error = err as WeChatApiError | WeChatBadPayloadError;
            expect(error.message).not.toContain(s);
            expect(JSON.stringify({ ...error })).not.toContain(s);
            if (error instanceof WeChatBadPayloadError) expect(error.excerpt.length).toBeLessThanOrEqual(201);
          }
        },
      ),
      RUNS,
    );
  });
});
