import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from '../../src/crypto/secret-box.js';

const key = randomBytes(32);
const box = createSecretBox(key);

/** Flips one bit of the decoded bytes (editing a base64 character may only touch padding bits). */
function flipBit(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64url');
}

describe('SecretBox', () => {
  it('opens what it sealed, including non-ASCII text', () => {
    for (const plaintext of ['', 'access-token-123', '微信小程序 🔑', 'x'.repeat(10_000)]) {
      expect(box.open(box.seal(plaintext, 'ctx'), 'ctx')).toBe(plaintext);
    }
  });

  it('seals as v1.<iv>.<tag>.<ciphertext> with a fresh IV every time and no plaintext inside', () => {
    const first = box.seal('secret-token', 'ctx');
    const second = box.seal('secret-token', 'ctx');
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('secret-token');
    expect(Buffer.from(first.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain('secret');
  });

  it('refuses a different key', () => {
    const sealed = box.seal('secret-token', 'ctx');
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(sealed, 'ctx')).toThrow(SecretBoxError);
  });

  it('refuses a different context, so ciphertext copied to another row is unreadable', () => {
    const sealed = box.seal('secret-token', 'provider-credentials:T1:p1');
    expect(() => box.open(sealed, 'provider-credentials:T2:p1')).toThrow(SecretBoxError);
  });

  it('refuses any tampering with iv, tag or ciphertext', () => {
    const parts = box.seal('secret-token', 'ctx').split('.');
    for (const index of [1, 2, 3]) {
      const tampered = parts.map((part, i) => (i === index ? flipBit(part) : part)).join('.');
      expect(() => box.open(tampered, 'ctx')).toThrow(SecretBoxError);
    }
  });

  it('refuses values that are not sealed values, with the stable code', () => {
    for (const bad of ['', 'plain-token', 'v2.a.b.c', 'v1.a.b', 'v1.!!.b.c', 'v1.AAAA.AAAA.AAAA']) {
      let caught: unknown;
      try {
        box.open(bad, 'ctx');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SecretBoxError);
      expect((caught as SecretBoxError).code).toBe('SECRET_UNREADABLE');
    }
  });

  it('rejects keys that are not 32 bytes, and ignores later changes to the caller’s key buffer', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => createSecretBox(Buffer.alloc(0))).toThrow(/32 bytes/);
    const mutable = randomBytes(32);
    const own = createSecretBox(mutable);
    const sealed = own.seal('secret-token', 'ctx');
    mutable.fill(0);
    expect(own.open(sealed, 'ctx')).toBe('secret-token');
  });
});
