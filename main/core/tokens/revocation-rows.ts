import type Database from 'better-sqlite3';

import type { RevocationKind, RevocationRow } from './revocation-index';

/** The revocations table. Rows outlive their subject only until `expires_ms`. */
export function createRevocationRows(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO revocations (kind, subject, revoked_ms, expires_ms, reason, revoked_by)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (kind, subject) DO UPDATE SET expires_ms = MAX(expires_ms, excluded.expires_ms)`);
  const unexpired = db.prepare<[number], RevocationRow>(
    'SELECT kind, subject, expires_ms FROM revocations WHERE expires_ms > ?',
  );
  return {
    insert: (
      row: RevocationRow & {
        kind: RevocationKind;
        revokedMs: number;
        reason: string;
        revokedBy: string;
      },
    ): void => {
      insert.run(row.kind, row.subject, row.revokedMs, row.expires_ms, row.reason, row.revokedBy);
    },
    /** Streams the revocations still in force, for loading the in-memory index at start. */
    unexpired: (nowMs: number): IterableIterator<RevocationRow> => unexpired.iterate(nowMs),
  };
}

/** The revocations table's operations. */
export type RevocationRows = ReturnType<typeof createRevocationRows>;
