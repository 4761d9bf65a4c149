import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, signatureLength, splitCompact } from './compact-jws';

describe('decodeSegment', () => {
  it('decodes canonical unpadded base64url of every length', () => {
    for (let length = 0; length < 8; length += 1) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => 250 - i));
      expect(decodeSegment(encodeSegment(bytes))).toEqual(bytes);
    }
  });

  it.each([
    ['padding', 'YQ=='],
    ['a +', 'a+8'],
    ['a /', 'a/8'],
    ['a space', 'YW Jj'],
    ['a non-ASCII letter', 'YWJé'],
    ['a length of 4n + 1', 'YWJjZ'],
    ['unused bits set (2 left over)', 'YR'],
    ['unused bits set (3 left over)', 'YWJ'],
  ])('refuses %s', (_, segment) => {
    expect(decodeSegment(segment)).toBeUndefined();
  });

  it('accepts the empty segment', () => {
    expect(decodeSegment('')).toEqual(Buffer.alloc(0));
  });
});

describe('splitCompact', () => {
  it('splits exactly three parts', () => {
    expect(splitCompact('a.b.c')).toEqual({
      header: 'a',
      payload: 'b',
      signature: 'c',
      signingInput: 'a.b',
    });
    expect(splitCompact('a..')).toMatchObject({ payload: '', signature: '' });
  });

  it.each(['abc', 'a.b', 'a.b.c.d', 'a.b.c.'])('refuses %s', (token) => {
    expect(splitCompact(token)).toBeUndefined();
  });
});

describe('signatureLength', () => {
  it('is 64 bytes for ES256 and EdDSA and the modulus size for RS256', () => {
    const { publicKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const { publicKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(signatureLength('ES256', ec)).toBe(64);
    expect(signatureLength('RS256', rsa)).toBe(384);
  });
});
