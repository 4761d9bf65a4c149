import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cacheKey, createVerifyCache, type VerifiedToken } from './verify-cache';

const { publicKey } = generateKeyPairSync('ed25519');

function entry(validUntilMs: number): VerifiedToken {
  const claims = {
    iss: 'i',
    sub: 's',
    aud: 'a',
    exp: validUntilMs / 1000,
    iat: 0,
    jti: 'j',
    client_id: 'c',
    sid: 'sid',
    scope: '',
    auth_time: 0,
  };
  return { claims, kid: 'k', publicKey, validUntilMs };
}

describe('cacheKey', () => {
  it('is the SHA-256 of the token in base64url', () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln';
    expect(cacheKey(token)).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(cacheKey(token)).toHaveLength(43);
  });
});

describe('createVerifyCache', () => {
  it('returns an entry until its validity ends, then forgets it', () => {
    const cache = createVerifyCache(10);
    cache.set('a', entry(2_000));
    expect(cache.get('a', 1_999)).toBeDefined();
    expect(cache.get('a', 2_000)).toBeUndefined();
    expect(cache.size()).toBe(0);
  });

  it('evicts the oldest entry when full', () => {
    const cache = createVerifyCache(2);
    cache.set('a', entry(9_000));
    cache.set('b', entry(9_000));
    cache.set('c', entry(9_000));
    expect(cache.size()).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('b', 0)).toBeDefined();
    expect(cache.get('c', 0)).toBeDefined();
  });

  it('does not evict when an entry is stored again', () => {
    const cache = createVerifyCache(2);
    cache.set('a', entry(9_000));
    cache.set('b', entry(9_000));
    cache.set('b', entry(9_000));
    expect(cache.get('a', 0)).toBeDefined();
  });

  it('stores nothing with size 0, and refuses a negative size', () => {
    const cache = createVerifyCache(0);
    cache.set('a', entry(9_000));
    expect(cache.size()).toBe(0);
    expect(() => createVerifyCache(-1)).toThrow(RangeError);
  });
});
