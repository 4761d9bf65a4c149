import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../contract/policy';
import type { Finding } from '../jwt/types';
import { lintPolicy } from './lint-policy';

const minute = 60;
const hour = 3_600;
const day = 86_400;

const lint = (changes: Partial<Policy>) => lintPolicy({ ...defaultPolicy, ...changes });
const ids = (findings: Finding[]) => findings.map((finding) => finding.id);

function only(findings: Finding[], id: string): Finding {
  const matches = findings.filter((finding) => finding.id === id);
  expect(matches).toHaveLength(1);
  return matches[0] as Finding;
}

describe('lintPolicy: the default policy', () => {
  it('has nothing to report', () => {
    expect(lintPolicy(defaultPolicy)).toEqual([]);
  });
});

describe('lintPolicy: cookie_shorter_than_tokens', () => {
  it('fires when the cookie ends before the refresh token', () => {
    const finding = only(
      lint({
        cookieMaxAgeSeconds: hour,
        refreshAbsoluteSeconds: 7 * day,
        sessionMaxSeconds: 7 * day,
      }),
      'cookie_shorter_than_tokens',
    );
    expect(finding).toEqual({
      id: 'cookie_shorter_than_tokens',
      severity: 'error',
      message:
        "Users are logged out after 1 h although their tokens last 7 days: the cookie max-age (1 h) is shorter than the refresh token's lifetime (7 days).",
    });
  });

  it('names the access token when that is the longer-lived one', () => {
    const finding = only(
      lint({
        accessTokenSeconds: 2 * hour,
        refreshAbsoluteSeconds: hour,
        refreshIdleSeconds: 30 * minute,
        sessionMaxSeconds: hour,
        sessionIdleSeconds: 30 * minute,
        cookieMaxAgeSeconds: 90 * minute,
      }),
      'cookie_shorter_than_tokens',
    );
    expect(finding.message).toBe(
      "Users are logged out after 1 h 30 min although their tokens last 2 h: the cookie max-age (1 h 30 min) is shorter than the access token's lifetime (2 h).",
    );
  });

  it('does not fire when the cookie lasts as long as the tokens', () => {
    expect(ids(lint({ cookieMaxAgeSeconds: 30 * day }))).not.toContain(
      'cookie_shorter_than_tokens',
    );
  });
});

describe('lintPolicy: access_over_1h', () => {
  it('fires above one hour', () => {
    const finding = only(lint({ accessTokenSeconds: 2 * hour }), 'access_over_1h');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe(
      'Access tokens last 2 h: a system that does not check revocation keeps accepting a token for up to 2 h after its session is ended, so logging someone out cannot take effect quickly there. Keep access tokens at 1 h or less.',
    );
  });

  it('does not fire at exactly one hour', () => {
    expect(ids(lint({ accessTokenSeconds: hour }))).not.toContain('access_over_1h');
  });
});

describe('lintPolicy: access_over_refresh_idle', () => {
  it('fires when an access token outlives the refresh idle limit', () => {
    const finding = only(
      lint({ accessTokenSeconds: 2 * hour, refreshIdleSeconds: hour }),
      'access_over_refresh_idle',
    );
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe(
      'Access tokens last 2 h but the refresh token expires after 1 h without use: a client that refreshes only when its access token expires finds the refresh token already expired, so its users are logged out after 2 h.',
    );
  });

  it('does not fire when the refresh idle limit is at least the access lifetime', () => {
    expect(ids(lint({ accessTokenSeconds: hour, refreshIdleSeconds: hour }))).not.toContain(
      'access_over_refresh_idle',
    );
  });
});

describe('lintPolicy: refresh_absolute_shorter_than_session_max', () => {
  it('fires when the refresh token ends before the session may', () => {
    const finding = only(
      lint({ refreshAbsoluteSeconds: 7 * day, cookieMaxAgeSeconds: 30 * day }),
      'refresh_absolute_shorter_than_session_max',
    );
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe(
      "Users are logged out after 7 days although sessions may last 30 days: the refresh token's absolute lifetime (7 days) ends before the session maximum (30 days).",
    );
  });

  it('does not fire when both end together', () => {
    expect(ids(lint({ refreshAbsoluteSeconds: 30 * day }))).not.toContain(
      'refresh_absolute_shorter_than_session_max',
    );
  });
});

describe('lintPolicy: session_idle_over_max', () => {
  it('fires when the idle limit is longer than the maximum', () => {
    const finding = only(lint({ sessionIdleSeconds: 60 * day }), 'session_idle_over_max');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe(
      'The session idle limit (60 days) is not shorter than the session maximum (30 days), so it never applies: every session reaches its maximum before it can be idle that long.',
    );
  });

  it('fires when they are equal, since the idle limit still never applies', () => {
    expect(ids(lint({ sessionIdleSeconds: 30 * day }))).toContain('session_idle_over_max');
  });

  it('does not fire when the idle limit is shorter', () => {
    expect(ids(lint({ sessionIdleSeconds: 29 * day }))).not.toContain('session_idle_over_max');
  });
});

describe('lintPolicy: no_rotation', () => {
  it('fires when refresh tokens do not rotate', () => {
    const finding = only(lint({ rotateRefreshTokens: false }), 'no_rotation');
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      'Refresh tokens are not rotated: a stolen refresh token keeps working until it expires (up to 30 days), and its reuse cannot be detected because the same token is used every time.',
    );
  });

  it('does not fire when they rotate', () => {
    expect(ids(lint({ rotateRefreshTokens: true }))).not.toContain('no_rotation');
  });
});

describe('lintPolicy: grace_over_60s', () => {
  it('fires above 60 s', () => {
    const finding = only(lint({ reuseGraceSeconds: 2 * minute }), 'grace_over_60s');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toBe(
      'The reuse grace window is 2 min: for that long after each refresh, the previous refresh token still works, so a thief who replays it within the window goes undetected. 1 min or less is enough for a client to retry a lost answer.',
    );
  });

  it('does not fire at exactly 60 s', () => {
    expect(ids(lint({ reuseGraceSeconds: minute }))).not.toContain('grace_over_60s');
  });

  it('gives way to no_rotation, since without rotation there is no predecessor to replay', () => {
    const found = ids(lint({ reuseGraceSeconds: 5 * minute, rotateRefreshTokens: false }));
    expect(found).toContain('no_rotation');
    expect(found).not.toContain('grace_over_60s');
  });
});

describe('lintPolicy: key_rotation_shorter_than_access', () => {
  it('fires and counts the retired keys that must stay published', () => {
    const finding = only(
      lint({ keyRotationSeconds: 10 * minute, accessTokenSeconds: hour }),
      'key_rotation_shorter_than_access',
    );
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      'Signing keys rotate every 10 min but access tokens last 1 h: a retired key must stay published until the last token it signed expires, so up to 6 retired keys are published besides the active and next key, and any verifier that keeps only the current and previous key rejects tokens that are still valid.',
    );
  });

  it('rounds the count of retired keys up', () => {
    const finding = only(
      lint({ keyRotationSeconds: hour, accessTokenSeconds: hour + minute }),
      'key_rotation_shorter_than_access',
    );
    expect(finding.message).toContain('up to 2 retired keys');
  });

  it('does not fire when keys rotate no faster than tokens live', () => {
    expect(ids(lint({ keyRotationSeconds: 15 * minute }))).not.toContain(
      'key_rotation_shorter_than_access',
    );
  });
});

describe('lintPolicy: refresh_idle_over_absolute', () => {
  it('fires when the idle limit is not shorter than the absolute lifetime', () => {
    const finding = only(lint({ refreshIdleSeconds: 30 * day }), 'refresh_idle_over_absolute');
    expect(finding.severity).toBe('info');
    expect(finding.message).toBe(
      "The refresh idle limit (30 days) is not shorter than the refresh token's absolute lifetime (30 days), so it never applies: only the absolute lifetime ends refresh tokens.",
    );
  });

  it('does not fire when the idle limit is shorter', () => {
    expect(ids(lint({ refreshIdleSeconds: 29 * day }))).not.toContain('refresh_idle_over_absolute');
  });
});

describe('lintPolicy: order', () => {
  it('puts errors first, then warnings, then information', () => {
    const findings = lint({
      refreshIdleSeconds: 30 * day,
      reuseGraceSeconds: 2 * minute,
      cookieMaxAgeSeconds: hour,
      keyRotationSeconds: 10 * minute,
    });
    expect(ids(findings)).toEqual([
      'cookie_shorter_than_tokens',
      'key_rotation_shorter_than_access',
      'grace_over_60s',
      'refresh_idle_over_absolute',
    ]);
  });
});
