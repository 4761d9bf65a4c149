import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TesseraError } from '../tessera-error';
import { open, seal } from './sealed-box';

const key = randomBytes(32);
const plaintext = Buffer.from('-----BEGIN PRIVATE KEY----- secret signing key');
const record = 'signing-key:kid-1';

/** Asserts that opening fails closed, with a message that gives nothing secret away. */
function expectTampered(sealed: Buffer, associatedData = record, openKey = key): void {
  let thrown: unknown;
  try {
    open(openKey, sealed, associatedData);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TesseraError);
  const error = thrown as TesseraError;
  expect(error.code).toBe('ERR_SECRETS_TAMPERED');
  for (const secret of [plaintext.toString(), key.toString('hex'), key.toString('base64')]) {
    expect(error.message).not.toContain(secret);
  }
  expect(error.message).not.toContain('PRIVATE KEY');
}

describe('sealed box', () => {
  it('opens what it sealed, in the documented format', () => {
    const sealed = seal(key, plaintext, record);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + 16 + plaintext.length);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(open(key, sealed, record)).toEqual(plaintext);
  });

  it('seals an empty secret too', () => {
    expect(open(key, seal(key, Buffer.alloc(0), record), record)).toEqual(Buffer.alloc(0));
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    const first = seal(key, plaintext, record);
    const second = seal(key, plaintext, record);
    expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
    expect(first.equals(second)).toBe(false);
  });

  it('fails closed when any single bit is flipped, header, tag or ciphertext', () => {
    const sealed = seal(key, Buffer.from('short secret'), record);
    for (let bit = 0; bit < sealed.length * 8; bit += 1) {
      const flipped = Buffer.from(sealed);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      expectTampered(flipped);
    }
  });

  it('fails closed when truncated to any length, or extended', () => {
    const sealed = seal(key, plaintext, record);
    for (let length = 0; length < sealed.length; length += 1) {
      expectTampered(sealed.subarray(0, length));
    }
    expectTampered(Buffer.concat([sealed, Buffer.of(0)]));
  });

  it('fails closed when moved to another record (other associated data)', () => {
    const sealed = seal(key, plaintext, record);
    expectTampered(sealed, 'signing-key:kid-2');
    expectTampered(sealed, '');
  });

  it('fails closed under another key', () => {
    expectTampered(seal(key, plaintext, record), record, randomBytes(32));
  });

  it('fails closed on another format version, even with everything else intact', () => {
    const sealed = seal(key, plaintext, record);
    for (const version of [0, 2, 255]) {
      const other = Buffer.from(sealed);
      other[0] = version;
      expectTampered(other);
    }
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => seal(randomBytes(16), plaintext, record)).toThrow(RangeError);
    expect(() => open(randomBytes(31), seal(key, plaintext, record), record)).toThrow(RangeError);
  });
});
