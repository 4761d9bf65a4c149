import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy, type TesseraEvent } from '../../../shared/contract';
import { Effects } from '../events/effects';
import { useTempStores } from '../store/temp-store.test-helper';
import { createRefreshRows } from '../tokens/refresh-rows';
import { createRevocationRows } from '../tokens/revocation-rows';
import { endSessionInTransaction } from './end-session';
import { createSessionEnder } from './end-sessions';
import { createSessionRows } from './session-rows';

const stores = useTempStores();
const nowMs = Date.UTC(2026, 10, 23, 9, 0, 0);
let db: Database.Database;

/** Effects whose events are numbered in memory: these tests look at rows, not at the log. */
function recordingEffects(): Effects {
  let seq = 0;
  return new Effects((type, payload) => {
    seq += 1;
    return { seq, type, atMs: nowMs, payload } as TesseraEvent;
  });
}

beforeEach(() => {
  db = stores.open({ file: join(stores.folder(), 'tessera.db') }).db;
  // A relying party that wants back-channel logouts, so ending a session queues one.
  db.prepare(
    `INSERT INTO clients (client_id, name, kind, backchannel_logout_uri, created_ms)
     VALUES ('web', 'Web', 'public', 'https://rp.test/logout', ?)`,
  ).run(nowMs);
  const sessions = createSessionRows(db);
  const refresh = createRefreshRows(db);
  for (const sid of ['a', 'b', 'c', 'd']) {
    sessions.insert({
      sid,
      user_id: `user-${sid}`,
      client_id: 'web',
      created_ms: nowMs - 60_000,
      last_seen_ms: nowMs - 60_000,
      auth_time_s: 0,
      ip: '',
      user_agent: '',
      idle_deadline_ms: nowMs + 60_000,
      absolute_deadline_ms: nowMs + 120_000,
    });
    for (const [generation, status] of [
      [1, 'consumed'],
      [2, 'active'],
    ] as const) {
      refresh.insert({
        token_hash: Buffer.from(`${sid}${generation}`),
        family_id: `family-${sid}`,
        sid,
        client_id: 'web',
        generation,
        parent_hash: null,
        issued_ms: nowMs,
        idle_expires_ms: nowMs + 60_000,
        absolute_expires_ms: nowMs + 120_000,
        scope: '',
      });
      if (status === 'consumed') refresh.consume(Buffer.from(`${sid}${generation}`), nowMs);
    }
  }
});

/** Everything ending a session wrote about `sid`, with the ids that differ taken out. */
function footprint(sid: string, effects: Effects) {
  return {
    session: {
      ...(db.prepare('SELECT * FROM sessions WHERE sid = ?').get(sid) as object),
      sid: '*',
      user_id: '*',
    },
    refresh: db
      .prepare('SELECT generation, status FROM refresh_tokens WHERE sid = ? ORDER BY generation')
      .all(sid),
    revocation: {
      ...(db.prepare('SELECT * FROM revocations WHERE subject = ?').get(sid) as object),
      subject: '*',
    },
    logouts: db
      .prepare('SELECT client_id, uri, created_ms, status FROM logout_deliveries WHERE sid = ?')
      .all(sid),
    events: effects.events.map((event) => ({
      ...event,
      seq: 0,
      payload: { ...event.payload, sid: '*', userId: '*' },
    })),
    index: effects.revocations.map((revocation) => ({ ...revocation, subject: '*' })),
  };
}

describe('ending sessions by the set', () => {
  const input = { reason: 'revoked', by: 'admin:alice', nowMs, policy: defaultPolicy } as const;

  it('writes and emits for a set exactly what ending one session does', () => {
    const tables = {
      sessions: createSessionRows(db),
      refresh: createRefreshRows(db),
      revocations: createRevocationRows(db),
      ender: createSessionEnder(db),
    };
    const single = recordingEffects();
    expect(endSessionInTransaction(tables, { ...input, sid: 'a' }, single)).toBe(true);
    const set = recordingEffects();
    expect(createSessionEnder(db).endWithLogouts(['b'], input, set)).toBe(1);

    expect(footprint('b', set)).toEqual(footprint('a', single));
    expect(footprint('a', single)).toMatchObject({
      session: { status: 'ended', ended_ms: nowMs, end_reason: 'revoked', ended_by: 'admin:alice' },
      refresh: [
        { generation: 1, status: 'consumed' },
        { generation: 2, status: 'revoked' },
      ],
      revocation: { kind: 'session', revoked_ms: nowMs, expires_ms: nowMs + 16 * 60_000 },
      logouts: [
        { client_id: 'web', uri: 'https://rp.test/logout', created_ms: nowMs, status: 'pending' },
      ],
      index: [{ kind: 'session', expiresMs: nowMs + 16 * 60_000 }],
    });
  });

  it('leaves the logout outbox to the caller when asked to', () => {
    const ender = createSessionEnder(db);
    expect(ender.end(['a'], input, recordingEffects())).toBe(1);
    expect(db.prepare('SELECT count(*) FROM logout_deliveries').pluck().get()).toBe(0);
    expect(ender.endWithLogouts(['a', 'b'], input, recordingEffects())).toBe(1);
    expect(db.prepare('SELECT sid FROM logout_deliveries').pluck().all()).toEqual(['b']);
  });

  it('skips unknown and ended sessions and emits in the order given', () => {
    const ender = createSessionEnder(db);
    ender.end(['c'], input, recordingEffects());
    const effects = recordingEffects();
    expect(ender.end(['d', 'nope', 'c', 'b', 'd'], input, effects)).toBe(2);
    expect(effects.events.map((event) => event.payload)).toEqual([
      { sid: 'd', userId: 'user-d', clientId: 'web', reason: 'revoked', by: 'admin:alice' },
      { sid: 'b', userId: 'user-b', clientId: 'web', reason: 'revoked', by: 'admin:alice' },
    ]);
    expect(effects.revocations.map((revocation) => revocation.subject)).toEqual(['d', 'b']);
    expect(ender.end([], input, effects)).toBe(0);
  });
});
