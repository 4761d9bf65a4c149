import type { SessionDto } from '../../../shared/contract';
import type { SessionRow } from './session-rows';

/** The columns `toSessionDto` reads, for `SELECT`: every read model of a session selects these. */
export const sessionDtoColumns =
  'sid, user_id, client_id, ip, user_agent, created_ms, last_seen_ms, idle_deadline_ms, ' +
  'absolute_deadline_ms, next_deadline_ms, status, ended_ms, end_reason, ended_by';

/** A session row as `sessionDtoColumns` selects it. */
export type SessionDtoRow = Omit<SessionRow, 'auth_time_s'> & { readonly next_deadline_ms: number };

/** A session as the console shows it. */
export function toSessionDto(row: SessionDtoRow): SessionDto {
  return {
    sid: row.sid,
    userId: row.user_id,
    clientId: row.client_id,
    ip: row.ip,
    userAgent: row.user_agent,
    createdMs: row.created_ms,
    lastSeenMs: row.last_seen_ms,
    idleDeadlineMs: row.idle_deadline_ms,
    absoluteDeadlineMs: row.absolute_deadline_ms,
    nextDeadlineMs: row.next_deadline_ms,
    // Equal deadlines mean the idle one was capped by the absolute one (SessionRows.touch): the
    // user was active, the session hits its maximum lifetime, and ends as max_lifetime.
    nextDeadlineCause: row.idle_deadline_ms < row.absolute_deadline_ms ? 'idle' : 'absolute',
    status: row.status,
    endedMs: row.ended_ms,
    endReason: row.end_reason,
    endedBy: row.ended_by,
  };
}
