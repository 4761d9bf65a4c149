import type Database from 'better-sqlite3';

/** A refresh token as stored: only its hash, never the token. */
export interface RefreshRow {
  readonly token_hash: Buffer;
  readonly family_id: string;
  readonly sid: string;
  readonly client_id: string;
  readonly generation: number;
  readonly parent_hash: Buffer | null;
  readonly issued_ms: number;
  readonly idle_expires_ms: number;
  readonly absolute_expires_ms: number;
  readonly status: 'active' | 'consumed' | 'revoked';
  readonly consumed_ms: number | null;
  readonly scope: string;
}

/** The refresh_tokens table: prepared once, used inside the callers' transactions. */
export function createRefreshRows(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO refresh_tokens (token_hash, family_id, sid, client_id, generation, parent_hash,
      issued_ms, idle_expires_ms, absolute_expires_ms, status, scope)
    VALUES (@token_hash, @family_id, @sid, @client_id, @generation, @parent_hash,
      @issued_ms, @idle_expires_ms, @absolute_expires_ms, 'active', @scope)`);
  const byHash = db.prepare<[Buffer], RefreshRow>(
    'SELECT * FROM refresh_tokens WHERE token_hash = ?',
  );
  const live = db.prepare<[string], RefreshRow>(
    "SELECT * FROM refresh_tokens WHERE family_id = ? AND status = 'active'",
  );
  const consume = db.prepare(
    "UPDATE refresh_tokens SET status = 'consumed', consumed_ms = ? WHERE token_hash = ? AND status = 'active'",
  );
  const revokeFamily = db.prepare(
    "UPDATE refresh_tokens SET status = 'revoked' WHERE family_id = ? AND status = 'active'",
  );
  const bySession = db.prepare<[string], RefreshRow>(
    'SELECT * FROM refresh_tokens WHERE sid = ? ORDER BY family_id, generation',
  );
  const latestGeneration = db.prepare<[string, string], { generation: number }>(
    'SELECT MAX(generation) AS generation FROM refresh_tokens WHERE sid = ? AND family_id = ?',
  );

  return {
    insert: (row: Omit<RefreshRow, 'status' | 'consumed_ms'>): void => {
      insert.run(row);
    },
    byHash: (hash: Buffer): RefreshRow | undefined => byHash.get(hash),
    live: (familyId: string): RefreshRow | undefined => live.get(familyId),
    /** Marks an active token consumed; false if something else consumed it first. */
    consume: (hash: Buffer, nowMs: number): boolean => consume.run(nowMs, hash).changes === 1,
    revokeFamily: (familyId: string): number => revokeFamily.run(familyId).changes,
    /** Every refresh token a session was ever given, oldest first per family. */
    bySession: (sid: string): RefreshRow[] => bySession.all(sid),
    /** The newest generation issued in a family (read through its session's tokens). */
    latestGeneration: (sid: string, familyId: string): number =>
      latestGeneration.get(sid, familyId)?.generation ?? 0,
  };
}

/** The refresh_tokens table's operations. */
export type RefreshRows = ReturnType<typeof createRefreshRows>;
