import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/contract';
import { sqlPreparedDuring } from '../store/prepared-sql.test-helper';
import { useTempStores } from '../store/temp-store.test-helper';
import { startTokenService } from '../tokens/token-service.test-helper';
import { createEventLog } from '../events/event-log';
import { sessionDetail } from './session-detail';

const stores = useTempStores();
const minuteMs = 60_000;

/** A session built by the real token service: login, two refreshes, then the first token replayed. */
async function reusedSession() {
  const store = stores.open({ file: join(stores.folder(), 'tessera.db') });
  const { service, clock } = await startTokenService(store);
  const loginMs = clock.nowMs();
  const first = await service.login({ userId: 'u-1', clientId: 'web', scope: 'openid' });
  clock.advance(10 * minuteMs);
  const second = await service.refresh({ refreshToken: first.refreshToken ?? '', clientId: 'web' });
  if (!('accessToken' in second)) throw new Error('The first refresh was refused.');
  clock.advance(10 * minuteMs);
  const third = await service.refresh({ refreshToken: second.refreshToken ?? '', clientId: 'web' });
  if (!('accessToken' in third)) throw new Error('The second refresh was refused.');
  clock.advance(5 * minuteMs);
  const replay = await service.refresh({ refreshToken: first.refreshToken ?? '', clientId: 'web' });
  expect(replay).toEqual({ ok: false, reason: 'reused' });
  return {
    db: store.db,
    log: createEventLog(store.db, clock),
    sid: first.sid,
    loginMs,
    nowMs: clock.nowMs(),
  };
}

describe('sessionDetail', () => {
  it('prepares its own statements once per database, not per call', async () => {
    const { db, log, sid, nowMs } = await reusedSession();
    const ours = (sql: string) =>
      /FROM sessions WHERE sid|FROM refresh_tokens WHERE sid|refresh\.reuse_detected/.test(sql);
    const first = await sqlPreparedDuring(db, () =>
      sessionDetail(db, log, sid, defaultPolicy, nowMs),
    );
    const second = await sqlPreparedDuring(db, () =>
      sessionDetail(db, log, sid, defaultPolicy, nowMs),
    );
    expect(first.filter(ours)).toHaveLength(3);
    expect(second.filter(ours)).toEqual([]);
  });

  it('returns null for an unknown session', async () => {
    const { db, log, nowMs } = await reusedSession();
    expect(sessionDetail(db, log, 'no-such-sid', defaultPolicy, nowMs)).toBeNull();
  });

  it('shows the family as a chain of generations with the replayed one marked', async () => {
    const { db, log, sid, loginMs, nowMs } = await reusedSession();
    const detail = sessionDetail(db, log, sid, defaultPolicy, nowMs);
    expect(detail?.families).toHaveLength(1);
    const root = detail?.families[0]?.root;
    expect(root?.forks).toEqual([]);
    expect(
      root?.tokens.map(({ generation, status, reused }) => ({ generation, status, reused })),
    ).toEqual([
      { generation: 1, status: 'consumed', reused: true },
      { generation: 2, status: 'consumed', reused: false },
      { generation: 3, status: 'revoked', reused: false },
    ]);
    expect(root?.tokens.map((token) => token.issuedMs)).toEqual([
      loginMs,
      loginMs + 10 * minuteMs,
      loginMs + 20 * minuteMs,
    ]);
    expect(root?.tokens[0]?.consumedMs).toBe(loginMs + 10 * minuteMs);
  });

  it('says how the session ended, with its events newest first', async () => {
    const { db, log, sid, loginMs, nowMs } = await reusedSession();
    const detail = sessionDetail(db, log, sid, defaultPolicy, nowMs);
    expect(detail?.session).toMatchObject({
      sid,
      userId: 'u-1',
      status: 'ended',
      endReason: 'reuse_detected',
      endedBy: 'system',
      lastSeenMs: loginMs + 20 * minuteMs,
    });
    expect(detail?.timeline.ended).toEqual({ atMs: nowMs, reason: 'reuse_detected', by: 'system' });
    // The token the reuse revoked is the one the timeline shows.
    expect(detail?.timeline.bars.find((bar) => bar.kind === 'refresh_idle')?.startMs).toBe(
      loginMs + 20 * minuteMs,
    );
    const events = detail?.events ?? [];
    expect(events.map((event) => event.type)).toEqual([
      'refresh.rejected',
      'session.ended',
      'refresh.reuse_detected',
      'token.refreshed',
      'token.refreshed',
      'session.created',
    ]);
    expect(events.map((event) => event.seq)).toEqual(
      [...events.map((event) => event.seq)].sort((a, b) => b - a),
    );
    expect(JSON.stringify(detail)).not.toMatch(/token_hash|parent_hash/);
  });

  it('keeps only the latest 200 events', async () => {
    const { db, log, sid, nowMs } = await reusedSession();
    const insert = db.prepare(
      "INSERT INTO events (type, at_ms, sid, payload) VALUES ('token.refreshed', ?, ?, '{}')",
    );
    for (let index = 0; index < 250; index += 1) insert.run(nowMs, sid);
    const events = sessionDetail(db, log, sid, defaultPolicy, nowMs)?.events ?? [];
    expect(events).toHaveLength(200);
    expect(events[0]?.seq).toBe(db.prepare('SELECT max(seq) FROM events').pluck().get());
  });
});
