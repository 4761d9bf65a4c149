import { statSync } from 'node:fs';
import type { Store } from './open-store';
import { perDatabase } from './per-database';

/** The row counts `storeStats` reports. */
export type StoreCountName =
  | 'sessions'
  | 'activeSessions'
  | 'refreshTokens'
  | 'revocations'
  | 'signingKeys'
  | 'clients'
  | 'users'
  | 'events';

/** Size and contents of the store, for the `status` call. */
export interface StoreStats {
  readonly file: string;
  /** Size of the database proper (page_count × page_size), not counting the WAL. */
  readonly bytes: number;
  /** Size of the `-wal` file: commits not yet checkpointed into the database. */
  readonly walBytes: number;
  readonly counts: Readonly<Record<StoreCountName, number>>;
}

// One statement, so that the counts come from one snapshot. count(*) alone walks a table's
// smallest b-tree; sessions are read once for both of their counts.
const countsSql = `
SELECT
  s.sessions,
  s.activeSessions,
  (SELECT count(*) FROM refresh_tokens) AS refreshTokens,
  (SELECT count(*) FROM revocations) AS revocations,
  (SELECT count(*) FROM signing_keys) AS signingKeys,
  (SELECT count(*) FROM clients) AS clients,
  (SELECT count(*) FROM users) AS users,
  (SELECT count(*) FROM events) AS events
FROM (
  SELECT count(*) AS sessions, count(*) FILTER (WHERE status = 'active') AS activeSessions
  FROM sessions
) AS s
`;

// Prepared once per open database: every `status` call reads the counts.
const countsStatement = perDatabase((db) =>
  db.prepare<[], Record<StoreCountName, number>>(countsSql),
);

/** Reads the store's size and row counts; cheap enough to answer each `status` call. */
export function storeStats(store: Store): StoreStats {
  const { db, file } = store;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    file,
    bytes: pageCount * pageSize,
    walBytes: walSize(file),
    counts: countsStatement(db).get()!,
  };
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
