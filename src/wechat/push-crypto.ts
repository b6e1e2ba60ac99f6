import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

/** A push that is not what WeChat would send: bad signature, undecryptable, padded wrongly or for another appid. */
export class PushRejectedError extends AppError {
  readonly reason: 'signature' | 'decrypt' | 'appid';
  constructor(reason: 'signature' | 'decrypt' | 'appid', message: string) {
    super('WECHAT_PUSH_REJECTED', message);
    this.reason = reason;
  }
}

/** WXBizMsgCrypt pads to a multiple of 32 bytes (not AES's 16). */
export const PUSH_BLOCK_BYTES = 32;

/** msg_signature = sha1 of the lexicographically sorted token, timestamp, nonce and Encrypt, concatenated. */
export function pushSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** Compares the expected signature with the one WeChat sent, in constant time; false for any malformed value. */
export function verifyPushSignature(
  token: string,
  query: { timestamp: string; nonce: string; msgSignature: string },
  encrypt: string,
): boolean {
  const expected = Buffer.from(pushSignature(token, query.timestamp, query.nonce, encrypt), 'hex');
  const given = /^[0-9a-f]{40}$/i.test(query.msgSignature) ? Buffer.from(query.msgSignature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The 32-byte AES key behind a 43-character EncodingAESKey. */
export function pushKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey) || key.length !== 32) {
    throw new PushRejectedError('decrypt', 'The EncodingAESKey is not 43 base64 characters');
  }
  return key;
}

/**
 * Decrypts an Encrypt value: AES-256-CBC with IV = key[0..16), 32-byte PKCS#7 padding, plaintext = 16 random bytes,
 * 4-byte big-endian length, message, appid. Rejects unless the trailing appid equals `expectedAppId`.
 */
export function decryptPush(encodingAesKey: string, encrypt: string, expectedAppId: string): string {
  const key = pushKey(encodingAesKey);
  const ciphertext = Buffer.from(encrypt, 'base64');
  if (ciphertext.length === 0 || ciphertext.length % PUSH_BLOCK_BYTES !== 0) {
    throw new PushRejectedError('decrypt', 'The encrypted message has an impossible length');
  }
  let padded: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new PushRejectedError('decrypt', 'The encrypted message cannot be decrypted');
  }
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > PUSH_BLOCK_BYTES || !padded.subarray(padded.length - pad).every((byte) => byte === pad)) {
    throw new PushRejectedError('decrypt', 'The decrypted message is not padded correctly');
  }
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new PushRejectedError('decrypt', 'The decrypted message is too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new PushRejectedError('decrypt', 'The decrypted message length is wrong');
  const appId = plain.subarray(20 + length).toString('utf8');
  const expected = Buffer.from(expectedAppId, 'utf8');
  if (Buffer.byteLength(appId) !== expected.length || !timingSafeEqual(Buffer.from(appId, 'utf8'), expected)) {
    throw new PushRejectedError('appid', 'The message was encrypted for another appid');
  }
  return plain.subarray(20, 20 + length).toString('utf8');
}
