import { describe, expect, it } from 'vitest';
import { randomToken } from './random-token';

describe('randomToken', () => {
  it('gives the asked number of bytes, base64url', () => {
    for (const bytes of [16, 32]) {
      const token = randomToken(bytes);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(bytes);
    }
  });

  it('never hands out the same bytes twice, across many pool refills', () => {
    // 10,000 × 32 bytes is about 80 refills of the 4 KiB pool.
    const seen = new Set(Array.from({ length: 10_000 }, () => randomToken(32)));
    expect(seen.size).toBe(10_000);
  });

  it('refuses a request larger than its pool', () => {
    expect(() => randomToken(5_000)).toThrow(/at most 4096 bytes/);
  });
});
