import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../store/temp-store.test-helper';
import { startSessionOperations } from './session-operations.test-helper';

const stores = useTempStores();
const second = 1000;
const login = { userId: 'u-1', clientId: 'web', scope: 'openid' };

function freshStore() {
  return stores.open({ file: join(stores.folder(), 'tessera.db') });
}

describe('sweeping expired sessions', () => {
  it('ends an idle session exactly at its deadline second, not one second before', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, {
      policy: { sessionIdleSeconds: 600, sessionMaxSeconds: 3600 },
    });
    store.db
      .prepare(
        `INSERT INTO clients (client_id, name, kind, backchannel_logout_uri, created_ms)
         VALUES ('web', 'Web', 'public', 'https://web.test/logout', 0)`,
      )
      .run();
    const startMs = harness.clock.nowMs();
    const issued = await harness.service.login(login);
    expect(harness.sweeper.nextDeadline()).toBe(startMs + 600 * second);

    harness.clock.advance(599 * second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(0);
    expect(harness.service.describeSession(issued.sid)?.session.status).toBe('active');

    harness.clock.advance(second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(1);
    expect(harness.service.describeSession(issued.sid)?.session).toMatchObject({
      status: 'ended',
      end_reason: 'idle_timeout',
      ended_by: 'system',
      ended_ms: startMs + 600 * second,
    });
    // The access token (15 minutes) has not expired yet: the revocation is what stops it.
    expect(await harness.service.verify(issued.accessToken)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    expect(harness.sweeper.nextDeadline()).toBeNull();
    // Its relying party is told, as for any other end.
    expect(store.db.prepare('SELECT sid FROM logout_deliveries').pluck().all()).toEqual([
      issued.sid,
    ]);
    await harness.settle();
    expect(harness.received('session.ended')).toEqual([
      { sid: issued.sid, userId: 'u-1', clientId: 'web', reason: 'idle_timeout', by: 'system' },
    ]);
  });

  it('ends on the absolute deadline when it comes before the idle one', async () => {
    const harness = await startSessionOperations(freshStore(), {
      policy: { sessionIdleSeconds: 3600, sessionMaxSeconds: 1800 },
    });
    const startMs = harness.clock.nowMs();
    const issued = await harness.service.login(login);
    expect(harness.sweeper.nextDeadline()).toBe(startMs + 1800 * second);

    harness.clock.advance(1799 * second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(0);
    harness.clock.advance(second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(1);
    expect(harness.service.describeSession(issued.sid)?.session.end_reason).toBe('max_lifetime');
  });

  it('ends a session kept alive by refreshes at its absolute deadline, as max_lifetime', async () => {
    const harness = await startSessionOperations(freshStore(), {
      policy: { sessionIdleSeconds: 600, sessionMaxSeconds: 1000 },
    });
    const startMs = harness.clock.nowMs();
    const issued = await harness.service.login(login);
    harness.clock.advance(500 * second);
    const refreshed = await harness.service.refresh({
      refreshToken: issued.refreshToken!,
      clientId: 'web',
    });
    expect(refreshed).toMatchObject({ sid: issued.sid });
    // The idle deadline moved to 1,100 s but is capped by the absolute one at 1,000 s.
    expect(harness.sweeper.nextDeadline()).toBe(startMs + 1000 * second);

    harness.clock.advance(499 * second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(0);
    harness.clock.advance(second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(1);
    expect(harness.service.describeSession(issued.sid)?.session.end_reason).toBe('max_lifetime');
  });

  it('sweeps many sessions in chunks, each for the deadline it missed, and only those', async () => {
    const harness = await startSessionOperations(freshStore(), {
      policy: { sessionIdleSeconds: 600, sessionMaxSeconds: 3600 },
      chunkSize: 2,
    });
    const startMs = harness.clock.nowMs();
    const early = [];
    for (let index = 0; index < 5; index += 1) early.push(await harness.service.login(login));
    harness.clock.advance(300 * second);
    const later = await harness.service.login(login);

    harness.clock.advance(300 * second);
    expect(await harness.sweeper.sweepExpired(harness.clock.nowMs())).toBe(5);
    expect(harness.service.describeSession(later.sid)?.session.status).toBe('active');
    expect(harness.sweeper.nextDeadline()).toBe(startMs + 900 * second);
    await harness.settle();
    expect(
      harness
        .received('session.ended')
        .map((payload) => payload.sid)
        .sort(),
    ).toEqual(early.map((tokens) => tokens.sid).sort());
  });
});
