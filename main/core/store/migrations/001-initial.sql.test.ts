import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTempStores } from '../temp-store.test-helper';

const stores = useTempStores();
let db: Database.Database;

beforeEach(() => {
  db = stores.open({ file: join(stores.folder(), 'tessera.db') }).db;
  db.prepare(
    `INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s,
       idle_deadline_ms, absolute_deadline_ms, status)
     VALUES ('s1', 'u1', 'c1', 0, 0, 0, 1, 1, 'active')`,
  ).run();
});

function insertRefreshToken(hash: number, generation: number, status: string, sid = 's1'): void {
  db.prepare(
    `INSERT INTO refresh_tokens (token_hash, family_id, sid, client_id, generation, issued_ms,
       idle_expires_ms, absolute_expires_ms, status)
     VALUES (?, 'f1', ?, 'c1', ?, 0, 1, 1, ?)`,
  ).run(Buffer.from([hash]), sid, generation, status);
}

function insertSigningKey(kid: string, state: string): void {
  db.prepare(
    `INSERT INTO signing_keys (kid, alg, state, public_jwk, private_key_sealed, created_ms)
     VALUES (?, 'ES256', ?, '{}', x'00', 0)`,
  ).run(kid, state);
}

describe('schema 1', () => {
  it('allows one active refresh token per family', () => {
    insertRefreshToken(1, 1, 'active');
    expect(() => insertRefreshToken(2, 2, 'active')).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }),
    );
    db.prepare("UPDATE refresh_tokens SET status = 'consumed' WHERE generation = 1").run();
    insertRefreshToken(2, 2, 'active');
    insertRefreshToken(3, 3, 'revoked');
    expect(db.prepare('SELECT count(*) FROM refresh_tokens').pluck().get()).toBe(3);
  });

  it('allows one active signing key', () => {
    insertSigningKey('k1', 'active');
    expect(() => insertSigningKey('k2', 'active')).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }),
    );
    insertSigningKey('k2', 'next');
    insertSigningKey('k3', 'retired');
    insertSigningKey('k4', 'retired');
  });

  it('enforces foreign keys', () => {
    expect(() => insertRefreshToken(1, 1, 'active', 'no-such-session')).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }),
    );
  });
});
