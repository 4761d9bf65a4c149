import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TesseraError } from '../tessera-error';

const cipherName = 'aes-256-gcm';
const formatVersion = 1;
const keyLength = 32;
// 96-bit IVs are GCM's native size; random ones are safe for far more seals than a vault makes.
const ivLength = 12;
const tagLength = 16;
const headerLength = 1 + ivLength + tagLength;

const tamperedMessage =
  'A sealed secret failed its integrity check: it was altered or truncated, or was sealed for ' +
  'another record or with another master key.';

/**
 * Encrypts and authenticates `plaintext` under a 32-byte key with AES-256-GCM, bound to
 * `associatedData` (for example the record the secret belongs to), so that a sealed value
 * copied into another record no longer opens.
 *
 * Format: `[version 1][12-byte random IV][16-byte tag][ciphertext]`. The version byte is
 * authenticated too, so a future format cannot be confused with this one.
 */
export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  checkKey(key);
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv(cipherName, key, iv, { authTagLength: tagLength });
  cipher.setAAD(authenticatedHeader(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(formatVersion), iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * Decrypts a value made by {@link seal} with the same key and associated data, or throws
 * `ERR_SECRETS_TAMPERED`: any change, truncation, other associated data or unknown version
 * fails closed, and no part of the plaintext is ever returned. GCM cannot tell another key
 * from tampering, so a wrong key fails the same way (see `checkFingerprint`).
 */
export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  checkKey(key);
  if (sealed.length < headerLength || sealed[0] !== formatVersion) {
    throw new TesseraError('ERR_SECRETS_TAMPERED', tamperedMessage);
  }
  const iv = sealed.subarray(1, 1 + ivLength);
  const tag = sealed.subarray(1 + ivLength, headerLength);
  // The tag length is fixed here as well, so a shortened tag is never accepted.
  const decipher = createDecipheriv(cipherName, key, iv, { authTagLength: tagLength });
  decipher.setAAD(authenticatedHeader(associatedData));
  decipher.setAuthTag(tag);
  // GCM's update() yields plaintext before the tag is checked in final(): it is held back,
  // and wiped when the check fails, so unauthenticated bytes never leave this function.
  const unverified = decipher.update(sealed.subarray(headerLength));
  try {
    return Buffer.concat([unverified, decipher.final()]);
  } catch {
    unverified.fill(0);
    throw new TesseraError('ERR_SECRETS_TAMPERED', tamperedMessage);
  }
}

function authenticatedHeader(associatedData: string): Buffer {
  // The version byte has a fixed length, so prefixing it cannot make two inputs collide.
  return Buffer.concat([Buffer.of(formatVersion), Buffer.from(associatedData, 'utf8')]);
}

function checkKey(key: Buffer): void {
  // A programming error, not a data problem: it surfaces as ERR_INTERNAL.
  if (key.length !== keyLength) {
    throw new RangeError(`A sealing key must be ${keyLength} bytes, not ${key.length}.`);
  }
}
