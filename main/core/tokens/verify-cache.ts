import { hash, type KeyObject } from 'node:crypto';
import type { AccessTokenClaims } from './sign-access-token';

/** What is remembered of a token whose signature and claims have passed. */
export interface VerifiedToken {
  /** Frozen: every hit hands out this same object. */
  readonly claims: AccessTokenClaims;
  readonly kid: string;
  /** The key that verified it: a hit counts only while the ring still holds this very key. */
  readonly publicKey: KeyObject;
  /** Epoch milliseconds from which the token no longer passes (its exp plus the tolerance). */
  readonly validUntilMs: number;
}

/**
 * A bounded cache of verified tokens. It holds no revocation state: revocations take effect at
 * once because the verifier consults the revocation index on every hit.
 */
export interface VerifyCache {
  /** The entry for this key while `nowMs` is before its `validUntilMs`; an expired one is dropped. */
  get(key: string, nowMs: number): VerifiedToken | undefined;
  /** Remembers a verified token, evicting the oldest entry when full. */
  set(key: string, entry: VerifiedToken): void;
  delete(key: string): void;
  size(): number;
}

/**
 * The cache key of a token: its SHA-256, base64url-encoded (43 characters). A hit hands out
 * claims without checking the signature, so the key must be collision-resistant even against
 * someone crafting tokens; a fast non-cryptographic hash is not, and node:crypto has no keyed
 * one faster than this. The one-shot `hash` costs about a microsecond for a typical token, and
 * 43 characters per entry keep 100,000 entries in a few megabytes where whole tokens would
 * take ~70 MB.
 */
export function cacheKey(token: string): string {
  return hash('sha256', token, 'base64url');
}

/**
 * Creates a cache of at most `maxEntries` tokens. A Map iterates in insertion order, so its
 * first key is the one verified longest ago, which with uniform token lifetimes is also the
 * first to expire; evicting it needs no bookkeeping of its own.
 */
export function createVerifyCache(maxEntries: number): VerifyCache {
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError(`The cache size must be a whole number of entries, not ${maxEntries}.`);
  }
  const entries = new Map<string, VerifiedToken>();
  return {
    get(key, nowMs) {
      const entry = entries.get(key);
      if (entry === undefined || nowMs < entry.validUntilMs) return entry;
      entries.delete(key);
      return undefined;
    },
    set(key, entry) {
      if (maxEntries === 0) return;
      if (!entries.has(key) && entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, entry);
    },
    delete: (key) => void entries.delete(key),
    size: () => entries.size,
  };
}
