import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './secret-hash';

describe('secret hashes', () => {
  it('salts every hash and verifies only the right secret', async () => {
    const first = await hashSecret('s3cret: with spaces+symbols');
    const second = await hashSecret('s3cret: with spaces+symbols');
    expect(first).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('s3cret');
    expect(await verifySecret('s3cret: with spaces+symbols', first)).toBe(true);
    expect(await verifySecret('s3cret: with spaces+symbol', first)).toBe(false);
  });

  it('never matches, and never throws on, a stored value it did not write', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$15$8$1$c2FsdA$aGFzaA',
      'scrypt$40$8$1$AAAAAAAAAAA$x',
    ]) {
      expect(await verifySecret('plain', stored)).toBe(false);
    }
  });
});
