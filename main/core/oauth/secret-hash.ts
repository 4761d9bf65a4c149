import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createConcurrencyLimit } from '../concurrency-limit';

/**
 * Stored form of a client secret or a user password: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`,
 * salt and hash in base64url. The parameters travel with the hash, so they can be raised later
 * without breaking what is stored.
 */
const prefix = 'scrypt';
/** N = 2^15, r = 8, p = 1: 32 MiB and a few tens of milliseconds per hash, off the main loop. */
const defaults = { logN: 15, r: 8, p: 1 } as const;
const saltBytes = 16;
const hashBytes = 32;
/** Stored parameters above these are refused: a tampered row must not make a check cost minutes. */
const limits = { logN: 20, r: 32, p: 16 } as const;

/** Hashes a secret with a fresh random salt. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const hash = await derive(secret, salt, defaults.logN, defaults.r, defaults.p);
  return [
    prefix,
    defaults.logN,
    defaults.r,
    defaults.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/**
 * Whether `secret` matches the stored hash, compared in constant time. A stored value that is
 * not a hash this module wrote never matches (and does not throw).
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== prefix) return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!isWithin(logN, 10, limits.logN) || !isWithin(r, 1, limits.r) || !isWithin(p, 1, limits.p)) {
    return false;
  }
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || expected.length !== hashBytes) return false;
  const actual = await derive(secret, salt, logN, r, p);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random secret nobody knows: checking a password for an unknown username against it
 * costs as much as a real check, so response times do not tell which usernames exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashSecret(randomBytes(32).toString('base64url'));
  return decoy;
}
let decoy: Promise<string> | undefined;

/**
 * scrypt runs on libuv's thread pool (four threads), where token signing runs too: a flood of
 * secret checks (wrong secrets cannot be remembered) may hold two threads at most, never all.
 */
const scryptSlots = createConcurrencyLimit(2);

function derive(secret: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
  return scryptSlots(
    () =>
      new Promise((resolve, reject) => {
        scrypt(secret.normalize('NFC'), salt, hashBytes, options, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

function isWithin(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
