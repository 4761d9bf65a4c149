import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../store/temp-store.test-helper';
import { startSessionOperations } from './session-operations.test-helper';
import { sqlPreparedDuring } from '../store/prepared-sql.test-helper';

const stores = useTempStores();
const second = 1000;
const hour = 3600 * second;
const day = 24 * hour;
const login = { userId: 'u-1', clientId: 'web', scope: 'openid' };

function freshStore() {
  return stores.open({ file: join(stores.folder(), 'tessera.db') });
}

describe('history retention', () => {
  it('deletes only what is older than the retention, to the second', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, {
      policy: { historyRetentionSeconds: day / second, sessionIdleSeconds: (30 * day) / second },
      chunkSize: 2,
    });
    const count = (sql: string, ...params: unknown[]) =>
      store.db
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    const sessionsLeft = () => store.db.prepare('SELECT sid FROM sessions').pluck().all();
    const startMs = harness.clock.nowMs();

    // At the start: three sessions ended (10 events: 4 created, 3 ended, 3 audited), one active.
    const old = [];
    for (let index = 0; index < 3; index += 1) old.push(await harness.service.login(login));
    const active = await harness.service.login(login);
    // A service that reported a login with the first one (the row references the session).
    store.db
      .prepare('INSERT INTO session_participants (sid, client_id, reported_ms) VALUES (?, ?, ?)')
      .run(old[0]!.sid, 'billing', startMs);
    for (const tokens of old) await harness.revoker.revokeOne(tokens.sid, 'admin:alice');
    // Two hours later: one more ended.
    harness.clock.advance(2 * hour);
    const recent = await harness.service.login(login);
    await harness.revoker.revokeOne(recent.sid, 'admin:alice');
    expect(count('SELECT count(*) FROM events WHERE at_ms = ?', startMs)).toBe(10);
    expect(count('SELECT count(*) FROM revocations')).toBe(4);

    // Exactly one retention period after the first endings: not older yet, but the
    // revocations (15 min of access tokens) are long past.
    harness.clock.advance(day - 2 * hour);
    const atBoundary = await harness.retention.applyRetention(
      harness.clock.nowMs(),
      harness.policy(),
    );
    expect(atBoundary).toEqual({
      sessions: 0,
      refreshTokens: 0,
      events: 0,
      revocations: 4,
      deliveries: 0,
    });
    expect(sessionsLeft()).toHaveLength(5);

    harness.clock.advance(second);
    const after = await harness.retention.applyRetention(harness.clock.nowMs(), harness.policy());
    expect(after).toEqual({
      sessions: 3,
      refreshTokens: 3,
      events: 10,
      revocations: 0,
      deliveries: 0,
    });
    expect(sessionsLeft().sort()).toEqual([active.sid, recent.sid].sort());
    expect(count('SELECT count(*) FROM refresh_tokens WHERE sid = ?', old[0]!.sid)).toBe(0);
    expect(count('SELECT count(*) FROM refresh_tokens')).toBe(2);
    expect(count('SELECT count(*) FROM session_participants')).toBe(0);
    expect(count('SELECT min(at_ms) FROM events')).toBe(startMs + 2 * hour);

    // An active session is never deleted, however old.
    harness.clock.advance(5 * day);
    expect(await harness.retention.applyRetention(harness.clock.nowMs(), harness.policy())).toEqual(
      { sessions: 1, refreshTokens: 1, events: 3, revocations: 0, deliveries: 0 },
    );
    expect(sessionsLeft()).toEqual([active.sid]);
  });

  it('keeps a revocation until its expiry plus the index’s grace', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store);
    const issued = await harness.service.login(login);
    await harness.revoker.revokeOne(issued.sid, 'admin:alice');
    const expiresMs = store.db
      .prepare('SELECT expires_ms FROM revocations')
      .pluck()
      .get() as number;
    // 15-minute access tokens plus the verifiers' 60 s tolerance.
    expect(expiresMs).toBe(harness.clock.nowMs() + 16 * 60 * second);

    const retain = () => harness.retention.applyRetention(harness.clock.nowMs(), harness.policy());
    harness.clock.advance(expiresMs + 60 * second - harness.clock.nowMs());
    expect((await retain()).revocations).toBe(0);
    harness.clock.advance(1);
    expect((await retain()).revocations).toBe(1);
  });
});

describe('history retention of logout deliveries', () => {
  it('forgets finished deliveries older than the retention, never pending ones', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, {
      policy: { historyRetentionSeconds: day / second },
    });
    const nowMs = harness.clock.nowMs();
    const insert = store.db.prepare(`
      INSERT INTO logout_deliveries (sid, user_id, client_id, uri, created_ms, status,
        next_attempt_ms, finished_ms)
      VALUES (?, 'u-1', ?, 'http://127.0.0.1:9/logout', ?, ?, ?, ?)`);
    const old = nowMs - day - second;
    insert.run('s-1', 'billing', old, 'delivered', old, old);
    insert.run('s-1', 'mail', old, 'dead', old, old);
    insert.run('s-2', 'billing', old, 'pending', nowMs, null);
    insert.run('s-3', 'billing', nowMs - hour, 'delivered', nowMs, nowMs - hour);

    const counts = await harness.retention.applyRetention(nowMs, harness.policy());
    expect(counts.deliveries).toBe(2);
    expect(
      store.db.prepare('SELECT sid, status FROM logout_deliveries ORDER BY sid').all(),
    ).toEqual([
      { sid: 's-2', status: 'pending' },
      { sid: 's-3', status: 'delivered' },
    ]);
  });
});

describe('history retention of events', () => {
  it('finds old events from the start of the log, never by sorting the whole log', async () => {
    const store = freshStore();
    const db = store.db;
    const prepared = await sqlPreparedDuring(db, () => startSessionOperations(store));
    const sql = prepared.find((text) => /DELETE FROM events/.test(text));
    expect(sql).toBeDefined();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(1000, 0)
      .map((row) => (row as { detail: string }).detail);
    expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
  });
});
