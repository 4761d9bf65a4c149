import type Database from 'better-sqlite3';

/** A session's participant: a service that reported a login with the session. */
export interface ParticipantRow {
  readonly sid: string;
  readonly client_id: string;
  readonly reported_ms: number;
}

/** The session_participants table: prepared once, used inside the callers' transactions. */
export function createParticipantRows(db: Database.Database) {
  const upsert = db.prepare(`
    INSERT INTO session_participants (sid, client_id, reported_ms) VALUES (?, ?, ?)
    ON CONFLICT (sid, client_id) DO UPDATE SET reported_ms = excluded.reported_ms`);
  const get = db.prepare<[string, string], ParticipantRow>(
    'SELECT * FROM session_participants WHERE sid = ? AND client_id = ?',
  );
  const bySession = db.prepare<[string], ParticipantRow>(
    'SELECT * FROM session_participants WHERE sid = ? ORDER BY client_id',
  );
  return {
    /** Records a report; true when it is the service's first for this session. */
    report(sid: string, clientId: string, nowMs: number): boolean {
      const first = get.get(sid, clientId) === undefined;
      upsert.run(sid, clientId, nowMs);
      return first;
    },
    bySession: (sid: string): ParticipantRow[] => bySession.all(sid),
  };
}

/** The session_participants table's operations. */
export type ParticipantRows = ReturnType<typeof createParticipantRows>;
