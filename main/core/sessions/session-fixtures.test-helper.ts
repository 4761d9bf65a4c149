import type Database from 'better-sqlite3';
import type { SessionEndReason } from '../../../shared/contract';

const dayMs = 86_400_000;

/** A session to insert as is: unset fields take plain defaults (active, 14-day idle, 30-day max). */
export interface SessionFixture {
  readonly sid: string;
  readonly userId?: string;
  readonly clientId?: string;
  readonly ip?: string;
  readonly createdMs?: number;
  readonly lastSeenMs?: number;
  readonly idleDeadlineMs?: number;
  readonly absoluteDeadlineMs?: number;
  readonly status?: 'active' | 'ended';
  readonly endedMs?: number;
  readonly endReason?: SessionEndReason;
  readonly endedBy?: string;
}

/** Inserts sessions with exactly the given values, in one transaction. */
export function insertSessions(db: Database.Database, sessions: readonly SessionFixture[]): void {
  const insert = db.prepare(`
    INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s, ip,
      user_agent, idle_deadline_ms, absolute_deadline_ms, status, ended_ms, end_reason, ended_by)
    VALUES (@sid, @userId, @clientId, @createdMs, @lastSeenMs, @authTimeS, @ip, 'test-agent',
      @idleDeadlineMs, @absoluteDeadlineMs, @status, @endedMs, @endReason, @endedBy)`);
  db.transaction(() => {
    for (const session of sessions) {
      const createdMs = session.createdMs ?? 0;
      const lastSeenMs = session.lastSeenMs ?? createdMs;
      const absoluteDeadlineMs = session.absoluteDeadlineMs ?? createdMs + 30 * dayMs;
      const status = session.status ?? 'active';
      insert.run({
        sid: session.sid,
        userId: session.userId ?? 'u1',
        clientId: session.clientId ?? 'web',
        createdMs,
        lastSeenMs,
        authTimeS: Math.floor(createdMs / 1000),
        ip: session.ip ?? '10.0.0.1',
        idleDeadlineMs:
          session.idleDeadlineMs ?? Math.min(lastSeenMs + 14 * dayMs, absoluteDeadlineMs),
        absoluteDeadlineMs,
        status,
        endedMs: status === 'ended' ? (session.endedMs ?? lastSeenMs) : null,
        endReason: status === 'ended' ? (session.endReason ?? 'logout') : null,
        endedBy: status === 'ended' ? (session.endedBy ?? 'system') : null,
      });
    }
  })();
}
