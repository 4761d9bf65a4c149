import type Database from 'better-sqlite3';
import type { SessionEndReason } from '../../../shared/contract';

/** A session as stored. */
export interface SessionRow {
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
  readonly created_ms: number;
  readonly last_seen_ms: number;
  readonly auth_time_s: number;
  readonly ip: string;
  readonly user_agent: string;
  readonly idle_deadline_ms: number;
  readonly absolute_deadline_ms: number;
  readonly status: 'active' | 'ended';
  readonly ended_ms: number | null;
  readonly end_reason: SessionEndReason | null;
  readonly ended_by: string | null;
}

/** The sessions table: prepared once, used inside the callers' transactions. */
export function createSessionRows(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s, ip,
      user_agent, idle_deadline_ms, absolute_deadline_ms, status)
    VALUES (@sid, @user_id, @client_id, @created_ms, @last_seen_ms, @auth_time_s, @ip,
      @user_agent, @idle_deadline_ms, @absolute_deadline_ms, 'active')`);
  const get = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE sid = ?');
  const touch = db.prepare(
    `UPDATE sessions SET last_seen_ms = ?, idle_deadline_ms = MIN(?, absolute_deadline_ms)
     WHERE sid = ? AND status = 'active'`,
  );

  return {
    insert: (row: Omit<SessionRow, 'status' | 'ended_ms' | 'end_reason' | 'ended_by'>): void => {
      insert.run(row);
    },
    get: (sid: string): SessionRow | undefined => get.get(sid),
    /** Records activity: last seen now, idle deadline pushed out but never past the absolute one. */
    touch: (sid: string, nowMs: number, idleDeadlineMs: number): void => {
      touch.run(nowMs, idleDeadlineMs, sid);
    },
  };
}

/** The sessions table's operations. */
export type SessionRows = ReturnType<typeof createSessionRows>;
