import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A sealed value cannot be opened: wrong key, wrong context, tampered or not a sealed value at all. */
export class SecretBoxError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SECRET_UNREADABLE', message, options);
  }
}

/** Authenticated encryption of short secrets; `context` is bound to the ciphertext (AAD) but not stored in it. */
export interface SecretBox {
  /** Encrypts `plaintext` as "v1.<iv>.<tag>.<ciphertext>" (base64url parts), a fresh random IV each call. */
  seal(plaintext: string, context: string): string;
  /** Decrypts a value sealed with the same key and context; throws SecretBoxError otherwise, never returns garbage. */
  open(sealed: string, context: string): string;
}

/** AES-256-GCM with a 32-byte key; the key is copied, so later changes to the caller's buffer have no effect. */
export function createSecretBox(key: Buffer): SecretBox {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new RangeError(`The encryption key must be exactly ${KEY_BYTES} bytes`);
  }
  const secret = Buffer.from(key);

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${VERSION}.${iv.toString('base64url')}.${tag.toString('base64url')}.${ciphertext.toString('base64url')}`;
    },

    open(sealed, context) {
      const parts = sealed.split('.');
      const [version, iv, tag, ciphertext] = parts;
      if (
        parts.length !== 4 ||
        version !== VERSION ||
        iv === undefined ||
        tag === undefined ||
        ciphertext === undefined
      ) {
        throw new SecretBoxError(`Not a sealed value in the ${VERSION} format`);
      }
      if (![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) {
        throw new SecretBoxError('The sealed value is not valid base64url');
      }
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new SecretBoxError('The sealed value has a malformed IV or authentication tag');
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, secret, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tagBytes);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
        return plaintext.toString('utf8');
      } catch (error) {
        // GCM's tag check fails the same way for a wrong key, a wrong context and tampering: no way to tell them apart.
        throw new SecretBoxError('The sealed value cannot be opened: wrong key, wrong context or tampered data', {
          cause: error,
        });
      }
    },
  };
}
