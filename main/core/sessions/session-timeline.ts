import type { Policy } from '../../../shared/contract';
import type {
  SessionTimelineDto,
  TimelineBarDto,
  TimelineBarKind,
} from '../../../shared/contract/timelines';
import type { SessionDtoRow } from './session-dto';
import type { RefreshTreeRow } from './refresh-families';

/**
 * Which limit is named when several run out at the same moment, which the default policy makes
 * the rule (refresh and session idle limits both count from the last refresh): the session's
 * own limits first, since they are the policy settings a support person can point to and what
 * the session is recorded as ending by (max_lifetime before idle_timeout, as the token service
 * checks them); the access token last, as it only counts when nothing can renew it.
 */
const tiePriority: readonly TimelineBarKind[] = [
  'session_max',
  'session_idle',
  'refresh_absolute',
  'refresh_idle',
  'cookie',
  'access_token',
];

/**
 * Every limit on a session on one time axis, and the one that logs the user out first.
 *
 * - `access_token`: Tessera does not store access tokens, so the current one is approximated as
 *   issued at the session's last activity (each refresh issues one and touches the session) and
 *   lasting `accessTokenSeconds` of the policy in force now.
 * - `refresh_idle`, `refresh_absolute`: the live refresh token's expiries, as stored; the
 *   absolute bar starts with its family's first token. Live means `active` for an active
 *   session; for an ended one, the newest token not consumed (the one ending it revoked).
 * - `session_idle`, `session_max`: the session's deadlines, as stored.
 * - `cookie`: set at login with the policy's `cookieMaxAgeSeconds` and never renewed, so it
 *   expires at creation + max-age however active the user is; computed with the policy in
 *   force now, since cookies are not stored.
 *
 * The access token is renewed by refreshing, so it ends the session only when there is no live
 * refresh token; every other bar ends it when it runs out.
 */
export function sessionTimeline(
  session: SessionDtoRow,
  tokens: readonly RefreshTreeRow[],
  policy: Policy,
  nowMs: number,
): SessionTimelineDto {
  const live = newest(
    tokens.filter((token) =>
      session.status === 'active' ? token.status === 'active' : token.status !== 'consumed',
    ),
  );
  const bar = (kind: TimelineBarKind, startMs: number, endMs: number): TimelineBarDto => ({
    kind,
    startMs,
    endMs,
    approximate: kind === 'access_token' || kind === 'cookie',
  });
  const sessionMax = bar('session_max', session.created_ms, session.absolute_deadline_ms);
  const bars: TimelineBarDto[] = [
    bar(
      'access_token',
      session.last_seen_ms,
      session.last_seen_ms + policy.accessTokenSeconds * 1000,
    ),
  ];
  if (live) {
    const familyStartMs = Math.min(
      ...tokens
        .filter((token) => token.family_id === live.family_id)
        .map((token) => token.issued_ms),
    );
    bars.push(
      bar('refresh_idle', live.issued_ms, live.idle_expires_ms),
      bar('refresh_absolute', familyStartMs, live.absolute_expires_ms),
    );
  }
  bars.push(
    bar('session_idle', session.last_seen_ms, session.idle_deadline_ms),
    sessionMax,
    bar('cookie', session.created_ms, session.created_ms + policy.cookieMaxAgeSeconds * 1000),
  );

  const rank = (candidate: TimelineBarDto) => tiePriority.indexOf(candidate.kind);
  const ends = bars
    .filter((candidate) => candidate.kind !== 'access_token' || !live)
    .sort((a, b) => a.endMs - b.endMs || rank(a) - rank(b));
  const first = ends[0] ?? sessionMax;
  const tiedWith = ends
    .filter((candidate) => candidate !== first && candidate.endMs === first.endMs)
    .map((candidate) => candidate.kind);
  return {
    nowMs,
    bars,
    firstToEnd: { cause: first.kind, atMs: first.endMs, tiedWith },
    ended:
      session.status === 'ended'
        ? { atMs: session.ended_ms, reason: session.end_reason, by: session.ended_by }
        : null,
  };
}

/** The most recently issued token (the highest generation on a tie), if any. */
function newest(tokens: readonly RefreshTreeRow[]): RefreshTreeRow | undefined {
  return tokens.reduce<RefreshTreeRow | undefined>(
    (best, token) =>
      !best ||
      token.issued_ms > best.issued_ms ||
      (token.issued_ms === best.issued_ms && token.generation > best.generation)
        ? token
        : best,
    undefined,
  );
}
