import type { Policy } from '../contract/policy';
import type { Finding, Severity } from '../jwt/types';
import { formatDuration } from '../time/format';

/** Beyond this, a token that outlives its session stays usable too long where nobody checks revocation. */
const maxAccessSeconds = 3_600;

/** Enough for a client to retry a refresh whose answer was lost; longer only helps a thief. */
const maxGraceSeconds = 60;

const severityRank: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Judges a lifetime policy: limits that contradict each other, limits that never apply, and
 * settings that weaken revocation or theft detection. Each message names the real durations so a
 * support person can repeat it. Returns errors first, then warnings, then information.
 */
export function lintPolicy(policy: Policy): Finding[] {
  const findings = [
    cookieShorterThanTokens(policy),
    noRotation(policy),
    keyRotationShorterThanAccess(policy),
    accessOver1h(policy),
    accessOverRefreshIdle(policy),
    refreshAbsoluteShorterThanSessionMax(policy),
    sessionIdleOverMax(policy),
    graceOver60s(policy),
    refreshIdleOverAbsolute(policy),
  ].filter((finding) => finding !== null);
  // Array.prototype.sort is stable, so rules keep their order within a severity.
  return findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

function cookieShorterThanTokens(policy: Policy): Finding | null {
  const cookie = policy.cookieMaxAgeSeconds;
  // The refresh token is what keeps a user logged in, so it is named unless the access token
  // outlives it.
  const refreshLonger = policy.refreshAbsoluteSeconds >= policy.accessTokenSeconds;
  const tokens = refreshLonger ? policy.refreshAbsoluteSeconds : policy.accessTokenSeconds;
  if (cookie >= tokens) return null;
  const which = refreshLonger ? 'refresh' : 'access';
  return finding(
    'cookie_shorter_than_tokens',
    'error',
    `Users are logged out after ${formatDuration(cookie)} although their tokens last ${formatDuration(tokens)}: the cookie max-age (${formatDuration(cookie)}) is shorter than the ${which} token's lifetime (${formatDuration(tokens)}).`,
  );
}

function noRotation(policy: Policy): Finding | null {
  if (policy.rotateRefreshTokens) return null;
  return finding(
    'no_rotation',
    'error',
    `Refresh tokens are not rotated: a stolen refresh token keeps working until it expires (up to ${formatDuration(policy.refreshAbsoluteSeconds)}), and its reuse cannot be detected because the same token is used every time.`,
  );
}

function keyRotationShorterThanAccess(policy: Policy): Finding | null {
  const rotation = policy.keyRotationSeconds;
  const access = policy.accessTokenSeconds;
  if (rotation >= access) return null;
  // Tokens signed during the last `access` seconds are still valid; that window spans at most
  // ceil(access / rotation) earlier active periods, each of whose keys must stay published.
  const retired = Math.ceil(access / rotation);
  return finding(
    'key_rotation_shorter_than_access',
    'error',
    `Signing keys rotate every ${formatDuration(rotation)} but access tokens last ${formatDuration(access)}: a retired key must stay published until the last token it signed expires, so up to ${retired} retired keys are published besides the active and next key, and any verifier that keeps only the current and previous key rejects tokens that are still valid.`,
  );
}

function accessOver1h(policy: Policy): Finding | null {
  const access = policy.accessTokenSeconds;
  if (access <= maxAccessSeconds) return null;
  return finding(
    'access_over_1h',
    'warning',
    `Access tokens last ${formatDuration(access)}: a system that does not check revocation keeps accepting a token for up to ${formatDuration(access)} after its session is ended, so logging someone out cannot take effect quickly there. Keep access tokens at ${formatDuration(maxAccessSeconds)} or less.`,
  );
}

function accessOverRefreshIdle(policy: Policy): Finding | null {
  const access = policy.accessTokenSeconds;
  const idle = policy.refreshIdleSeconds;
  if (access <= idle) return null;
  return finding(
    'access_over_refresh_idle',
    'warning',
    `Access tokens last ${formatDuration(access)} but the refresh token expires after ${formatDuration(idle)} without use: a client that refreshes only when its access token expires finds the refresh token already expired, so its users are logged out after ${formatDuration(access)}.`,
  );
}

function refreshAbsoluteShorterThanSessionMax(policy: Policy): Finding | null {
  const absolute = policy.refreshAbsoluteSeconds;
  const max = policy.sessionMaxSeconds;
  if (absolute >= max) return null;
  return finding(
    'refresh_absolute_shorter_than_session_max',
    'warning',
    `Users are logged out after ${formatDuration(absolute)} although sessions may last ${formatDuration(max)}: the refresh token's absolute lifetime (${formatDuration(absolute)}) ends before the session maximum (${formatDuration(max)}).`,
  );
}

function sessionIdleOverMax(policy: Policy): Finding | null {
  const idle = policy.sessionIdleSeconds;
  const max = policy.sessionMaxSeconds;
  // Equal limits also leave the idle limit without effect: the session ends at its maximum first.
  if (idle < max) return null;
  return finding(
    'session_idle_over_max',
    'warning',
    `The session idle limit (${formatDuration(idle)}) is not shorter than the session maximum (${formatDuration(max)}), so it never applies: every session reaches its maximum before it can be idle that long.`,
  );
}

function graceOver60s(policy: Policy): Finding | null {
  const grace = policy.reuseGraceSeconds;
  // Without rotation there is no predecessor to replay; no_rotation already reports the weakness.
  if (!policy.rotateRefreshTokens || grace <= maxGraceSeconds) return null;
  return finding(
    'grace_over_60s',
    'warning',
    `The reuse grace window is ${formatDuration(grace)}: for that long after each refresh, the previous refresh token still works, so a thief who replays it within the window goes undetected. ${formatDuration(maxGraceSeconds)} or less is enough for a client to retry a lost answer.`,
  );
}

function refreshIdleOverAbsolute(policy: Policy): Finding | null {
  const idle = policy.refreshIdleSeconds;
  const absolute = policy.refreshAbsoluteSeconds;
  // Equal limits also leave the idle limit without effect: the absolute lifetime ends first.
  if (idle < absolute) return null;
  return finding(
    'refresh_idle_over_absolute',
    'info',
    `The refresh idle limit (${formatDuration(idle)}) is not shorter than the refresh token's absolute lifetime (${formatDuration(absolute)}), so it never applies: only the absolute lifetime ends refresh tokens.`,
  );
}

function finding(id: string, severity: Severity, message: string): Finding {
  return { id, severity, message };
}
