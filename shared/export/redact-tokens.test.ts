import { describe, expect, it } from 'vitest';
import { redactTokens } from './redact-tokens';

const jwt =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJtYXJpYSIsImV4cCI6MTc2NDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVz';
const refreshToken = 'Qm9vWmF6OTg3NjU0MzIxMGFiY2RlZmdoaWprbG1ub3A';

describe('redactTokens', () => {
  it('blanks JWTs and opaque secrets wherever they sit in text', () => {
    const payload = {
      error: `The relying party said: bad token ${jwt} (was ${refreshToken}).`,
      nested: [{ note: jwt }],
    };
    expect(redactTokens(payload)).toEqual({
      error: 'The relying party said: bad token [redacted] (was [redacted]).',
      nested: [{ note: '[redacted]' }],
    });
  });

  it('blanks any text under a key that names a secret', () => {
    expect(redactTokens({ refresh_token: 'short', clientSecret: 'x', password: 'p' })).toEqual({
      refresh_token: '[redacted]',
      clientSecret: '[redacted]',
      password: '[redacted]',
    });
  });

  it('keeps ids, readable names, numbers and booleans', () => {
    const payload = {
      sid: 'Ab3dEf6hIj9kLm2nOp5qRs',
      clientId: 'billing-service-production-eu-west',
      accessTokenSeconds: 900,
      rotateRefreshTokens: true,
    };
    expect(redactTokens(payload)).toEqual(payload);
  });
});
