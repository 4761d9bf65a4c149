import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/contract';
import { createSessionEnder } from '../sessions/end-sessions';
import { useDeliveryHarness } from './delivery.test-helper';
import { enqueueLogoutDeliveries } from './enqueue-logouts';
import { sqlPreparedDuring } from '../store/prepared-sql.test-helper';

const harness = useDeliveryHarness();

describe('enqueueLogoutDeliveries', () => {
  it("queues the session's own client and every reporting service that has a URI, nobody else", async () => {
    const h = await harness.start();
    h.addClient('web', 'https://web.test/bcl');
    h.addClient('billing', 'https://billing.test/bcl');
    h.addClient('reports', null);
    h.addClient('search', 'https://search.test/bcl');
    const sid = await h.login('alice', 'web');
    h.report(sid, 'billing');
    h.report(sid, 'reports');
    h.report(sid, 'web'); // the own client reporting too counts once
    const other = await h.login('bob', 'search'); // another session: untouched

    expect(await h.endSessions([sid])).toBe(2);
    expect(h.deliveries()).toEqual([
      expect.objectContaining({
        sid,
        user_id: 'alice',
        client_id: 'billing',
        uri: 'https://billing.test/bcl',
        status: 'pending',
        attempts: 0,
        next_attempt_ms: h.clock.nowMs(),
        last_status: null,
        last_error: null,
        finished_ms: null,
      }),
      expect.objectContaining({ sid, client_id: 'web', uri: 'https://web.test/bcl' }),
    ]);
    expect(h.deliveries().some((d) => d.sid === other)).toBe(false);
  });

  it('queues nothing for a session still active, and nothing twice', async () => {
    const h = await harness.start();
    h.addClient('web', 'https://web.test/bcl');
    const sid = await h.login('alice', 'web');
    expect(h.store.db.transaction(() => enqueueLogoutDeliveries(h.store.db, [sid], 1))()).toBe(0);
    expect(await h.endSessions([sid])).toBe(1);
    expect(enqueueLogoutDeliveries(h.store.db, [sid, 'unknown'], 2)).toBe(0);
    expect(enqueueLogoutDeliveries(h.store.db, [], 2)).toBe(0);
    expect(h.deliveries()).toHaveLength(1);
  });

  it('queues nothing when the transaction ending the session rolls back', async () => {
    const h = await harness.start();
    h.addClient('web', 'https://web.test/bcl');
    h.addClient('billing', 'https://billing.test/bcl');
    const sid = await h.login('alice', 'web');
    h.report(sid, 'billing');
    await expect(h.endSessions([sid], true)).rejects.toThrow('rolled back on purpose');
    expect(h.deliveries()).toEqual([]);
    // The end itself rolled back with it: the session is still active and can end for real.
    expect(h.store.db.prepare('SELECT status FROM sessions WHERE sid = ?').pluck().get(sid)).toBe(
      'active',
    );
    expect(await h.endSessions([sid])).toBe(2);
  });

  it('takes a chunk of 1,000 sessions at once, next to the set-based session ender', async () => {
    const h = await harness.start();
    h.addClient('web', 'https://web.test/bcl');
    h.addClient('billing', 'https://billing.test/bcl');
    h.addClient('cli', null);
    const insert = h.store.db.prepare(`
      INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s,
        idle_deadline_ms, absolute_deadline_ms, status)
      VALUES (?, ?, ?, 0, 0, 0, 9e15, 9e15, 'active')`);
    const sids: string[] = [];
    h.store.db.transaction(() => {
      for (let i = 0; i < 1000; i += 1) {
        const sid = `s${String(i).padStart(4, '0')}`;
        sids.push(sid);
        insert.run(sid, `user-${i}`, i % 2 === 0 ? 'web' : 'cli');
        if (i % 4 === 0) h.report(sid, 'billing');
      }
    })();
    const ender = createSessionEnder(h.store.db);
    const started = performance.now();
    const { value } = await h.services.commits.run((effects) => {
      const nowMs = h.clock.nowMs();
      const ended = ender.end(
        sids,
        { reason: 'revoked', by: 'admin:test', nowMs, policy: defaultPolicy },
        effects,
      );
      return { ended, queued: enqueueLogoutDeliveries(h.store.db, sids, nowMs) };
    });
    expect(value).toEqual({ ended: 1000, queued: 500 + 250 });
    expect(performance.now() - started).toBeLessThan(2000);
    const rows = h.deliveries();
    expect(rows.filter((d) => d.client_id === 'web')).toHaveLength(500);
    expect(rows.filter((d) => d.client_id === 'billing')).toHaveLength(250);
    expect(rows.find((d) => d.sid === 's0004' && d.client_id === 'billing')?.user_id).toBe(
      'user-4',
    );
  });

  it('reads sessions, participants and clients by primary key, never by scanning', async () => {
    const h = await harness.start();
    const { db } = h.store;
    // The statement is prepared on the first call for a database: catch its SQL then.
    const prepared = await sqlPreparedDuring(db, () => enqueueLogoutDeliveries(db, ['a'], 1));
    expect(prepared).toHaveLength(1);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${prepared[0]}`)
      .all({ sids: '[]', nowMs: 1 })
      .map((row) => (row as { detail: string }).detail);
    const reads = plan.filter((line) => /^(SEARCH|SCAN) /.test(line));
    expect(reads.filter((line) => line.startsWith('SCAN'))).toEqual([
      'SCAN json_each VIRTUAL TABLE INDEX 1:',
      'SCAN p',
    ]);
    expect(reads.filter((line) => line.startsWith('SEARCH'))).toEqual([
      expect.stringMatching(/^SEARCH sessions USING INDEX sqlite_autoindex_sessions_1 \(sid=\?\)$/),
      expect.stringMatching(/^SEARCH sessions USING INDEX sqlite_autoindex_sessions_1 \(sid=\?\)$/),
      'SEARCH sp USING PRIMARY KEY (sid=?)',
      'SEARCH c USING INDEX sqlite_autoindex_clients_1 (client_id=?)',
    ]);
  });
});
