import type Database from 'better-sqlite3';
import { perDatabase } from '../store/per-database';

/**
 * A session's participants are its own client and every service that reported a login with it
 * (`session_participants`); each one with a back-channel logout URI gets one pending delivery.
 * The sids are bound as one JSON array, so one statement serves a chunk of any size (as in
 * createSessionEnder). Every read starts from the sids, by primary key; the `+` keeps the planner
 * off the status indexes, which would have it walk every ended session to find a chunk's worth.
 * UNION makes a client that is both the session's own and a reporter count once, and INSERT OR
 * IGNORE on UNIQUE (sid, client_id) makes a repeated call a no-op. Only sessions already marked
 * ended qualify: a live session never logs anybody out.
 */
const enqueueSql = `
  WITH ended AS (
    SELECT sid, user_id, client_id FROM sessions
    WHERE sid IN (SELECT value FROM json_each(@sids)) AND +status = 'ended'
  )
  INSERT OR IGNORE INTO logout_deliveries
    (sid, user_id, client_id, uri, created_ms, status, attempts, next_attempt_ms)
  SELECT p.sid, p.user_id, c.client_id, c.backchannel_logout_uri, @nowMs, 'pending', 0, @nowMs
  FROM (
    SELECT sid, user_id, client_id FROM ended
    UNION
    SELECT e.sid, e.user_id, sp.client_id
    FROM ended AS e JOIN session_participants AS sp ON sp.sid = e.sid
  ) AS p
  JOIN clients AS c ON c.client_id = p.client_id
  WHERE c.backchannel_logout_uri IS NOT NULL AND c.backchannel_logout_uri <> ''
  ORDER BY p.sid, c.client_id`;

/** One prepared statement per open database: a revoke job calls this once per 1,000 sessions. */
const enqueueStatement = perDatabase((db): Database.Statement<{ sids: string; nowMs: number }> =>
  db.prepare(enqueueSql),
);

/**
 * Queues a back-channel logout for every participant of the ended sessions `sids` that has a
 * back-channel logout URI. Call it INSIDE the transaction that ends the sessions, after they are
 * marked ended: a committed end then always has its deliveries, and a rolled-back one has none.
 * Set-based, so a chunk of 1,000 sids costs a few statements, not a few per session. Returns how
 * many deliveries it queued (a session already queued for a client is skipped).
 */
export function enqueueLogoutDeliveries(
  db: Database.Database,
  sids: readonly string[],
  nowMs: number,
): number {
  if (sids.length === 0) return 0;
  return enqueueStatement(db).run({ sids: JSON.stringify(sids), nowMs }).changes;
}
