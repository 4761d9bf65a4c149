import type Database from 'better-sqlite3';
import type { Policy } from '../../../shared/contract';
import { revocationGraceMs } from '../tokens/revocation-index';
import type { IndexedCommit } from './indexed-commit';
import { yieldToEventLoop } from './yield-to-event-loop';

/** What the history retention needs. */
export interface HistoryRetentionOptions {
  readonly db: Database.Database;
  /** Any durable commit; retention adds no revocations, so the token service's one is fine. */
  readonly commit: IndexedCommit;
  /** Rows deleted per transaction; 1,000 unless set (tests). */
  readonly chunkSize?: number;
}

/** How many rows one application of the retention deleted. */
export interface RetentionCounts {
  readonly sessions: number;
  readonly refreshTokens: number;
  readonly events: number;
  readonly revocations: number;
  /** Logout deliveries that finished (delivered or dead letters) before the cutoff. */
  readonly deliveries: number;
}

interface EndedSessionRow {
  readonly sid: string;
  readonly created_ms: number;
  readonly ended_ms: number;
}

const defaultChunkSize = 1000;

/**
 * Forgets history older than the policy's retention, a bounded chunk per transaction so the
 * token service keeps serving: ended sessions and their refresh tokens, events, and revocations
 * that can no longer matter. Active sessions are never touched, however old.
 */
export function createHistoryRetention(options: HistoryRetentionOptions) {
  const { db, commit } = options;
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  // Walks the (status, created_ms, sid) index from a cursor: a session ends after it starts, so
  // every session that ended before the cutoff also started before it, and the ones that started
  // before it but ended later are stepped over once rather than re-read by every chunk.
  const endedSessions = db.prepare<
    { cutoff: number; afterCreated: number; afterSid: string; limit: number },
    EndedSessionRow
  >(`
    SELECT sid, created_ms, ended_ms FROM sessions
    WHERE status = 'ended' AND created_ms < @cutoff
      AND (created_ms, sid) > (@afterCreated, @afterSid)
    ORDER BY created_ms, sid LIMIT @limit`);
  const deleteParticipants = db.prepare<[string]>(
    'DELETE FROM session_participants WHERE sid IN (SELECT value FROM json_each(?))',
  );
  const deleteRefresh = db.prepare<[string]>(
    'DELETE FROM refresh_tokens WHERE sid IN (SELECT value FROM json_each(?))',
  );
  const deleteSessions = db.prepare<[string]>(
    'DELETE FROM sessions WHERE sid IN (SELECT value FROM json_each(?))',
  );
  // The log is appended in time order, so its oldest events are its first rows: a chunk reads
  // the first rows by seq and deletes those past the cutoff. (There is no index on at_ms, which
  // would cost every append; finding old events by at_ms read and sorted the whole log, about
  // 90 ms of the main thread on a million events, at every housekeeping.)
  const deleteEvents = db.prepare<[number, number]>(`
    DELETE FROM events WHERE seq IN (SELECT seq FROM events ORDER BY seq LIMIT ?) AND at_ms < ?`);
  // A delivery still pending is kept whatever its age: it is work the worker has yet to finish.
  const deleteDeliveries = db.prepare<[number, number]>(`
    DELETE FROM logout_deliveries WHERE delivery_id IN (
      SELECT delivery_id FROM logout_deliveries
      WHERE finished_ms IS NOT NULL AND finished_ms < ? LIMIT ?)`);
  const deleteRevocations = db.prepare<[number, number]>(`
    DELETE FROM revocations WHERE rowid IN (
      SELECT rowid FROM revocations WHERE expires_ms < ? LIMIT ?)`);

  /** Runs `chunk` in its own transaction until it deletes less than a full chunk. */
  const inChunks = async (chunk: () => number): Promise<number> => {
    let total = 0;
    for (;;) {
      const deleted = await commit(chunk);
      total += deleted;
      if (deleted < chunkSize) return total;
      await yieldToEventLoop();
    }
  };

  const deleteOldSessions = async (cutoff: number) => {
    let cursor = { afterCreated: Number.MIN_SAFE_INTEGER, afterSid: '' };
    let sessions = 0;
    let refreshTokens = 0;
    for (;;) {
      const chunk = await commit(() => {
        const rows = endedSessions.all({ cutoff, ...cursor, limit: chunkSize });
        const old = JSON.stringify(
          rows.filter((row) => row.ended_ms < cutoff).map((row) => row.sid),
        );
        // Refresh tokens and participants first: they reference their session.
        deleteParticipants.run(old);
        const refresh = deleteRefresh.run(old).changes;
        const last = rows.at(-1);
        return {
          scanned: rows.length,
          sessions: deleteSessions.run(old).changes,
          refresh,
          cursor: last ? { afterCreated: last.created_ms, afterSid: last.sid } : cursor,
        };
      });
      sessions += chunk.sessions;
      refreshTokens += chunk.refresh;
      cursor = chunk.cursor;
      if (chunk.scanned < chunkSize) return { sessions, refreshTokens };
      await yieldToEventLoop();
    }
  };

  return {
    /**
     * Deletes ended sessions whose `ended_ms` is older than `historyRetentionSeconds` together
     * with their refresh tokens and participants, events older than it, and revocations whose
     * expiry is more than the index's grace in the past (the rule the in-memory index forgets
     * them by, so the table never drops a revocation the index still enforces), and logout
     * deliveries that finished before the cutoff. Resolves with
     * what it deleted.
     */
    async applyRetention(nowMs: number, policy: Policy): Promise<RetentionCounts> {
      const cutoff = nowMs - policy.historyRetentionSeconds * 1000;
      const { sessions, refreshTokens } = await deleteOldSessions(cutoff);
      const events = await inChunks(() => deleteEvents.run(chunkSize, cutoff).changes);
      const revocations = await inChunks(
        () => deleteRevocations.run(nowMs - revocationGraceMs, chunkSize).changes,
      );
      const deliveries = await inChunks(() => deleteDeliveries.run(cutoff, chunkSize).changes);
      return { sessions, refreshTokens, events, revocations, deliveries };
    },
  };
}

/** The history retention. */
export type HistoryRetention = ReturnType<typeof createHistoryRetention>;
