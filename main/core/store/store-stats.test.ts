import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storeStats } from './store-stats';
import { useTempStores } from './temp-store.test-helper';

const stores = useTempStores();

describe('storeStats', () => {
  it('reports size, WAL size and row counts', () => {
    const file = join(stores.folder(), 'tessera.db');
    const store = stores.open({ file });
    const { db } = store;
    const session = db.prepare(
      `INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s,
         idle_deadline_ms, absolute_deadline_ms, status)
       VALUES (?, 'u1', 'c1', 0, 0, 0, 1, 1, ?)`,
    );
    session.run('s1', 'active');
    session.run('s2', 'active');
    session.run('s3', 'ended');
    db.prepare(
      `INSERT INTO refresh_tokens (token_hash, family_id, sid, client_id, generation, issued_ms,
         idle_expires_ms, absolute_expires_ms, status)
       VALUES (x'01', 'f1', 's1', 'c1', 1, 0, 1, 1, 'active')`,
    ).run();
    db.prepare(
      `INSERT INTO revocations (kind, subject, revoked_ms, expires_ms, reason, revoked_by)
       VALUES ('session', 's3', 0, 1, 'test', 'admin')`,
    ).run();
    db.prepare("INSERT INTO events (type, at_ms, payload) VALUES ('session.ended', 0, '{}')").run();

    const stats = storeStats(store);

    expect(stats.file).toBe(file);
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    expect(stats.bytes).toBe(pageCount * pageSize);
    expect(stats.walBytes).toBeGreaterThan(0);
    expect(stats.counts).toEqual({
      sessions: 3,
      activeSessions: 2,
      refreshTokens: 1,
      revocations: 1,
      signingKeys: 0,
      clients: 0,
      users: 0,
      events: 1,
    });
  });

  it('reports 0 WAL bytes when there is no WAL file', () => {
    // Only a read-only open of a file not in WAL mode runs without one.
    const file = join(stores.folder(), 'tessera.db');
    stores.open({ file }).close();
    const rollbackMode = new Database(file);
    rollbackMode.pragma('journal_mode = DELETE');
    rollbackMode.close();

    const store = stores.open({ file, readonly: true });
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(storeStats(store).walBytes).toBe(0);
  });
});
