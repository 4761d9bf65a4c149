import { randomFillSync } from 'node:crypto';

const poolSize = 4096;
const pool = Buffer.alloc(poolSize);
let offset = poolSize;

/**
 * `bytes` fresh random bytes from the OS-seeded CSPRNG, base64url: refresh tokens and token ids.
 *
 * Drawn from a pool filled 4 KiB at a time: under load `randomBytes(32)` cost about 14 µs of the
 * main thread per call (the generator's lock is shared with the signing threads), a tenth of a
 * refresh rotation. Every byte is handed out once and zeroed as it leaves, so the pool never holds
 * a copy of a token already issued.
 */
export function randomToken(bytes: number): string {
  if (bytes > poolSize) throw new RangeError(`randomToken serves at most ${poolSize} bytes.`);
  if (offset + bytes > poolSize) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return token;
}
