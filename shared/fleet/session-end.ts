import type { FleetCountsDto, FleetEndCause, SessionDto } from '../contract';

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

/** The causes in the order bars stack them and the legend lists them. */
export const fleetEndCauses: readonly FleetEndCause[] = ['idle', 'absolute', 'cookie'];

/** How many sessions a set of counts holds. */
export function fleetTotal(counts: FleetCountsDto): number {
  return fleetEndCauses.reduce((sum, cause) => sum + counts[cause], 0);
}

/**
 * Says what a bar holds, for its accessible name and tooltip:
 * "12 sessions end (8 idle, 4 absolute)", "1 session ends (1 cookie)", "no sessions end".
 */
export function describeCounts(counts: FleetCountsDto): string {
  const total = fleetTotal(counts);
  if (total === 0) return 'no sessions end';
  const parts = fleetEndCauses
    .filter((cause) => counts[cause] > 0)
    .map((cause) => `${counts[cause]} ${cause}`);
  const verb = total === 1 ? '1 session ends' : `${total} sessions end`;
  return `${verb} (${parts.join(', ')})`;
}
