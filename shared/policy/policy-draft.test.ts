import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../contract/policy';
import { draftOf, readDraft, type PolicyDraft } from './policy-draft';

const edit = (changes: Partial<PolicyDraft>): PolicyDraft => ({
  ...draftOf(defaultPolicy),
  ...changes,
});

describe('draftOf', () => {
  it('shows lifetimes in human units and the rest as typed', () => {
    const draft = draftOf(defaultPolicy);
    expect(draft.accessTokenSeconds).toBe('15 min');
    expect(draft.sessionMaxSeconds).toBe('30 days');
    expect(draft.reuseGraceSeconds).toBe('0 s');
    expect(draft.rotateRefreshTokens).toBe('true');
    expect(draft.signingAlg).toBe('ES256');
    expect(draft.sessionRefreshesPerMinute).toBe('30');
  });
});

describe('readDraft', () => {
  it('gives back the policy it was made from', () => {
    expect(readDraft(draftOf(defaultPolicy))).toEqual({ ok: true, policy: defaultPolicy });
  });

  it('reads edited units and switches', () => {
    const read = readDraft(
      edit({ cookieMaxAgeSeconds: '1 h 30 min', rotateRefreshTokens: 'false' }),
    );
    expect(read).toEqual({
      ok: true,
      policy: { ...defaultPolicy, cookieMaxAgeSeconds: 5_400, rotateRefreshTokens: false },
    });
  });

  it('names each wrong field with the reason, in the units people use', () => {
    const read = readDraft(
      edit({
        accessTokenSeconds: '30 s',
        sessionMaxSeconds: '400 days',
        cookieMaxAgeSeconds: '2 weeks',
        sessionRefreshesPerMinute: 'lots',
      }),
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        accessTokenSeconds: 'Must be at least 1 min.',
        sessionMaxSeconds: 'Must be at most 365 days.',
        cookieMaxAgeSeconds: 'Unknown unit “weeks”: use days, h, min or s.',
        sessionRefreshesPerMinute: 'Enter a whole number, e.g. 30.',
      },
    });
  });

  it('passes on the schema’s word for a choice it does not know', () => {
    const read = readDraft(edit({ signingAlg: 'HS256' }));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.signingAlg).toContain('ES256');
  });
});
