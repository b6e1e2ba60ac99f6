import { describe, expect, it } from 'vitest';
import { decryptPush, PushRejectedError, pushSignature, verifyPushSignature } from '../../src/wechat/push-crypto.js';
import { parseFlatXml } from '../../src/wechat/push-xml.js';
import { encryptPush } from '../helpers/wechat-push.js';

// The published vector of reference/wechat.md (from EasyWeChat's test suite).
const VECTOR = {
  token: 'pamtest',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  timestamp: '1458300676',
  nonce: '260774613',
  msgSignature: '4f3ad57b6989f09f4eb392acce4f9e93942ed890',
  encrypt:
    'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==',
};
const query = { timestamp: VECTOR.timestamp, nonce: VECTOR.nonce, msgSignature: VECTOR.msgSignature };

describe('push signature (published vector)', () => {
  it('computes the published msg_signature and accepts it', () => {
    expect(pushSignature(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(VECTOR.msgSignature);
    expect(verifyPushSignature(VECTOR.token, query, VECTOR.encrypt)).toBe(true);
    expect(
      verifyPushSignature(VECTOR.token, { ...query, msgSignature: VECTOR.msgSignature.toUpperCase() }, VECTOR.encrypt),
    ).toBe(true);
  });

  it('rejects a wrong signature, another token, a changed nonce or body, and malformed signatures', () => {
    const flipped = `${VECTOR.msgSignature.slice(0, -1)}1`;
    expect(verifyPushSignature(VECTOR.token, { ...query, msgSignature: flipped }, VECTOR.encrypt)).toBe(false);
    expect(verifyPushSignature('othertoken', query, VECTOR.encrypt)).toBe(false);
    expect(verifyPushSignature(VECTOR.token, { ...query, nonce: '260774614' }, VECTOR.encrypt)).toBe(false);
    expect(verifyPushSignature(VECTOR.token, query, `${VECTOR.encrypt.slice(0, -4)}AAA=`)).toBe(false);
    for (const bad of ['', 'abc', `${VECTOR.msgSignature}00`, 'z'.repeat(40)]) {
      expect(verifyPushSignature(VECTOR.token, { ...query, msgSignature: bad }, VECTOR.encrypt)).toBe(false);
    }
  });
});

describe('push decryption', () => {
  it('decrypts the published vector to its message', () => {
    const fields = parseFlatXml(decryptPush(VECTOR.encodingAesKey, VECTOR.encrypt, VECTOR.appId));
    expect(fields).toMatchObject({
      ToUserName: 'asdasdasd',
      FromUserName: 'asdasdasdsadasd',
      CreateTime: '1234567898',
      Content: 'hello',
    });
  });

  it('rejects the published vector for another appid', () => {
    expect(() => decryptPush(VECTOR.encodingAesKey, VECTOR.encrypt, 'wx0000000000000000')).toThrow(PushRejectedError);
    expect(() => decryptPush(VECTOR.encodingAesKey, VECTOR.encrypt, 'wx0000000000000000')).toThrow(/another appid/);
  });

  it('round-trips messages of every length around the 32-byte block, Chinese text included', () => {
    const key = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq';
    const appId = 'wx1234567890abcdef';
    // 16 + 4 + n + 18 bytes: n = 26 is exactly two blocks, so a whole block of padding is added.
    for (const length of [0, 1, 25, 26, 27, 58, 300]) {
      const message = 'x'.repeat(length);
      expect(decryptPush(key, encryptPush(key, message, appId), appId)).toBe(message);
    }
    const chinese = '<xml><Content><![CDATA[你好，审核额度]]></Content></xml>';
    expect(decryptPush(key, encryptPush(key, chinese, appId), appId)).toBe(chinese);
  });

  it('rejects another key, bad padding, impossible lengths and lengths pointing past the end', () => {
    const key = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq';
    const other = 'ZBCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq';
    const appId = 'wx1234567890abcdef';
    const encrypted = encryptPush(key, 'hello', appId);
    expect(() => decryptPush(other, encrypted, appId)).toThrow(PushRejectedError);
    expect(() => decryptPush(key, Buffer.alloc(31).toString('base64'), appId)).toThrow(/impossible length/);
    expect(() => decryptPush(key, '', appId)).toThrow(PushRejectedError);
    expect(() => decryptPush('short', encrypted, appId)).toThrow(/43 base64/);
    const truncated = Buffer.from(encrypted, 'base64').subarray(0, 32).toString('base64');
    expect(() => decryptPush(key, truncated, appId)).toThrow(PushRejectedError);
  });
});
