import type { FleetEndCause, SessionDto } from '../contract';

/** When an active session ends and why, as the fleet timeline counts it. */
export interface SessionEnd {
  readonly endMs: number;
  readonly cause: FleetEndCause;
}

/**
 * A session's end as `sessions.fleetTimeline` counts it: the earlier of its deadlines, or its
 * cookie's expiry (login + max-age, never renewed) when that is earlier still. The same rule as
 * the core's SQL, so a listed session falls in the bar that counted it.
 */
export function sessionEnd(session: SessionDto, cookieMaxAgeSeconds: number): SessionEnd {
  const cookieMs = session.createdMs + cookieMaxAgeSeconds * 1000;
  if (cookieMs < session.nextDeadlineMs) return { endMs: cookieMs, cause: 'cookie' };
  return { endMs: session.nextDeadlineMs, cause: session.nextDeadlineCause };
}
