import type Database from 'better-sqlite3';
import type { Policy } from '../../../shared/contract';
import type { SessionDetailDto } from '../../../shared/contract/timelines';
import type { EventLog } from '../events/event-log';
import { perDatabase } from '../store/per-database';
import { refreshFamilies, type RefreshTreeRow, type ReusedToken } from './refresh-families';
import { sessionDtoColumns, toSessionDto, type SessionDtoRow } from './session-dto';
import { sessionTimeline } from './session-timeline';

const recentEvents = 200;

const statementsOf = perDatabase((db) => ({
  sessionRow: db.prepare<[string], SessionDtoRow>(
    `SELECT ${sessionDtoColumns} FROM sessions WHERE sid = ?`,
  ),
  refreshTree: db.prepare<[string], RefreshTreeRow>(
    `SELECT token_hash, family_id, generation, parent_hash, issued_ms, idle_expires_ms,
       absolute_expires_ms, status, consumed_ms
     FROM refresh_tokens WHERE sid = ? ORDER BY family_id, generation`,
  ),
  reusedTokens: db.prepare<[string], ReusedToken>(
    `SELECT json_extract(payload, '$.familyId') AS familyId,
       json_extract(payload, '$.presentedGeneration') AS generation
     FROM events INDEXED BY events_by_sid
     WHERE sid = ? AND type = 'refresh.reuse_detected'`,
  ),
}));

/**
 * Everything the console shows about one session, or null if there is no such sid: the
 * session, its refresh families as trees (reuse marked where it was detected), its timeline,
 * and its latest events, newest first.
 *
 * Reuse marks come from the `refresh.reuse_detected` events, which name the generation that was
 * presented again; the tokens themselves only show a revoked family. Once the event log has
 * pruned an event (historyRetentionSeconds), its mark goes with it.
 */
export function sessionDetail(
  db: Database.Database,
  log: Pick<EventLog, 'query'>,
  sid: string,
  policy: Policy,
  nowMs: number,
): SessionDetailDto | null {
  const { sessionRow, refreshTree, reusedTokens } = statementsOf(db);
  const session = sessionRow.get(sid);
  if (!session) return null;
  const tokens = refreshTree.all(sid);
  const reused = reusedTokens.all(sid);
  // The log's own reader, so events look exactly as `events.query` returns them.
  const events = log.query({
    filter: { sid },
    limit: recentEvents,
    newestFirst: true,
  });
  return {
    session: toSessionDto(session),
    families: refreshFamilies(tokens, reused),
    timeline: sessionTimeline(session, tokens, policy, nowMs),
    events,
  };
}
