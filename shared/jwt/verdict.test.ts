import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy, type ServerTruth } from '../contract';
import { tokenVerdict, type VerdictInput } from './verdict';

/** 2026-11-23T10:02:00Z */
const now = 1_795_428_120;
const hour = 3_600;
const policy: Policy = { ...defaultPolicy, accessTokenSeconds: 24 * hour };

const session: NonNullable<ServerTruth['session']> = {
  sid: 's-1',
  userId: 'maria',
  clientId: 'web-app',
  status: 'active',
  createdMs: (now - 2 * hour) * 1000,
  lastSeenMs: (now - 60) * 1000,
  idleDeadlineMs: (now + 10 * hour) * 1000,
  absoluteDeadlineMs: (now + 20 * hour) * 1000,
  endedMs: null,
  endReason: null,
  endedBy: null,
  revoked: false,
};

const accepted: ServerTruth = {
  verification: { ok: true },
  keyState: 'active',
  session,
  families: [{ familyId: 'f-1', generations: 1, liveGeneration: 1, revoked: false }],
};

const refused = (reason: string, message: string): ServerTruth['verification'] => ({
  ok: false,
  reason,
  message,
});

const ourToken = { iss: 'http://127.0.0.1:8766', sub: 'maria', sid: 's-1' };

/** The verdict now, under `policy`, unless the input says otherwise. */
const verdictOf = (input: Pick<VerdictInput, 'payload' | 'server'> & Partial<VerdictInput>) =>
  tokenVerdict({ policy, nowSeconds: now, ...input });

describe('tokenVerdict', () => {
  it('says when an expired token expired, how long it lived and what the policy says', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 3 * hour - 120, exp: now - 2 * hour - 120 },
      server: { ...accepted, verification: refused('expired', 'The token expired.') },
    });
    expect(verdict).toMatchObject({ id: 'expired', tone: 'bad' });
    expect(verdict.sentence).toContain(
      'This token expired at 08:00 UTC, 1 h after it was issued; your policy says 1 day.',
    );
  });

  it('names the day of an expiry that is not today', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 48 * hour, exp: now - 24 * hour },
      server: accepted,
    });
    expect(verdict.sentence).toContain(
      'expired at 2026-11-22 10:02 UTC, 1 day after it was issued, as your policy says',
    );
  });

  it('blames the ended session before the expiry, with when and why', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 2 * hour, exp: now - hour },
      server: {
        ...accepted,
        verification: refused('revoked', 'The session was revoked.'),
        session: {
          ...session,
          status: 'ended',
          endedMs: (now - 90 * 60) * 1000,
          endReason: 'revoked',
          endedBy: 'admin:console',
          revoked: true,
        },
      },
    });
    expect(verdict).toMatchObject({ id: 'session_ended', tone: 'bad' });
    expect(verdict.sentence).toBe(
      'This token’s session ended at 08:32 UTC: an administrator revoked it. The token stopped working then; the user has to log in again.',
    );
  });

  it('shows an end reason this console does not know as it came', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 60, exp: now + hour },
      server: {
        ...accepted,
        session: { ...session, status: 'ended', endedMs: null, endReason: 'moved_abroad' },
      },
    });
    expect(verdict.sentence).toMatch(/^This token’s session ended: moved abroad\./);
  });

  it('explains a family killed by refresh token reuse', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 60, exp: now + hour },
      server: {
        ...accepted,
        verification: refused('revoked', 'The session was revoked.'),
        session: {
          ...session,
          status: 'ended',
          endedMs: now * 1000,
          endReason: 'reuse_detected',
          endedBy: 'system',
          revoked: true,
        },
        families: [{ familyId: 'f-1', generations: 3, liveGeneration: null, revoked: true }],
      },
    });
    expect(verdict.id).toBe('reuse_detected');
    expect(verdict.sentence).toContain(
      'ended at 10:02 UTC because one of its refresh tokens was used twice',
    );
  });

  it('says a revoked key breaks the token whatever else holds', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 60, exp: now + hour },
      server: {
        ...accepted,
        keyState: 'revoked',
        verification: refused('key_revoked', 'Its key was revoked.'),
      },
    });
    expect(verdict).toMatchObject({ id: 'key_revoked', tone: 'bad' });
    expect(verdict.sentence).toContain('signed with a key that has been revoked');
  });

  it('says when a token not yet valid becomes valid', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now, nbf: now + 300, exp: now + hour },
      server: { ...accepted, verification: refused('not_yet_valid', 'Not yet valid.') },
    });
    expect(verdict).toMatchObject({ id: 'not_yet_valid', tone: 'bad' });
    expect(verdict.sentence).toContain('not valid before 10:07 UTC (in 5 min)');
  });

  it('says how long a valid token has left', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 3 * hour, exp: now + 21 * hour },
      server: accepted,
    });
    expect(verdict).toEqual({
      id: 'valid',
      tone: 'ok',
      sentence:
        'This token works right now. It expires at 2026-11-24 07:02 UTC, in 21 h, 1 day after it was issued, as your policy says.',
    });
  });

  it('leaves the policy out when it is unknown', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 60, exp: now + 14 * 60 },
      server: accepted,
      policy: null,
    });
    expect(verdict.sentence).toBe(
      'This token works right now. It expires at 10:16 UTC, in 14 min, 15 min after it was issued.',
    );
  });

  it('passes on any other refusal of the server in its own words', () => {
    const verdict = verdictOf({
      payload: { ...ourToken, iat: now - 60, exp: now + hour },
      server: {
        ...accepted,
        verification: refused('bad_signature', 'The signature does not match.'),
      },
    });
    expect(verdict).toMatchObject({ id: 'refused', tone: 'bad' });
    expect(verdict.sentence).toBe('Tessera refuses this token: The signature does not match.');
  });

  it('does not judge tokens of another issuer', () => {
    const verdict = verdictOf({
      payload: { iss: 'https://login.example', iat: now - 60, exp: now + hour },
      server: null,
    });
    expect(verdict).toMatchObject({ id: 'unknown_issuer', tone: 'unknown' });
    expect(verdict.sentence).toContain('(https://login.example), not by this Tessera');
  });
});
