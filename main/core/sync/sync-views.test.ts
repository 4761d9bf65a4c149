import { describe, expect, it } from 'vitest';
import {
  recentDeliveriesInputSchema,
  recentLoginReportsInputSchema,
  retryDeliveriesInputSchema,
  sessionPropagationInputSchema,
} from '../../../shared/contract/sync';
import { closedPortUri, useDeliveryHarness } from './delivery.test-helper';
import {
  deliveriesByClient,
  recentDeliveries,
  recentLoginReports,
  sessionPropagation,
} from './sync-views';
import { sqlPreparedDuring } from '../store/prepared-sql.test-helper';

const harness = useDeliveryHarness();

/**
 * web: 2 delivered; billing: 1 delivered, 1 retrying, 1 dead (rejected); search: 1 pending (not
 * attempted yet); reports: no URI, so no deliveries; docs: a URI but never a participant.
 */
async function scenario() {
  const h = await harness.start();
  const web = await h.relyingParty('web');
  const billing = await h.relyingParty('billing', [200, 503, { status: 400, body: 'no' }]);
  h.addClient('web', web.uri, 'Web app');
  h.addClient('billing', billing.uri, 'Billing');
  h.addClient('reports', null, 'Reports');
  h.addClient('docs', 'https://docs.test/bcl', 'Docs');
  h.addClient('search', await closedPortUri(), 'Search');
  const a = await h.login('alice', 'web');
  h.clock.advance(1000);
  h.report(a, 'billing');
  h.clock.advance(1000);
  h.report(a, 'reports');
  const b = await h.login('bob', 'web');
  h.clock.advance(1000);
  h.report(b, 'billing');
  const c = await h.login('carol', 'billing');
  const live = await h.login('dave', 'web');
  h.clock.advance(1000);
  h.report(live, 'search');
  // Ended one by one, and delivered one at a time, so the scripted answers go to a, b, c.
  for (const sid of [a, b, c]) await h.endSessions([sid]);
  const worker = h.worker({ concurrency: 1 });
  expect(await worker.runDue()).toBe(5);
  // Queued after the round: pending, not attempted.
  const d = await h.login('erin', 'search');
  await h.endSessions([d]);
  return { h, a, b, c, d, live };
}

describe('sync views', () => {
  it('counts deliveries per client by state', async () => {
    const { h } = await scenario();
    expect(deliveriesByClient(h.store.db)).toEqual([
      {
        clientId: 'billing',
        name: 'Billing',
        uri: expect.stringContaining('http://127.0.0.1:'),
        delivered: 1,
        retrying: 1,
        pending: 0,
        dead: 1,
      },
      {
        clientId: 'docs',
        name: 'Docs',
        uri: 'https://docs.test/bcl',
        delivered: 0,
        retrying: 0,
        pending: 0,
        dead: 0,
      },
      {
        clientId: 'search',
        name: 'Search',
        uri: expect.any(String),
        delivered: 0,
        retrying: 0,
        pending: 1,
        dead: 0,
      },
      {
        clientId: 'web',
        name: 'Web app',
        uri: expect.any(String),
        delivered: 2,
        retrying: 0,
        pending: 0,
        dead: 0,
      },
    ]);
  });

  it('keeps counting deliveries to a client that no longer exists', async () => {
    const { h } = await scenario();
    h.store.db.prepare(`DELETE FROM clients WHERE client_id = 'search'`).run();
    expect(deliveriesByClient(h.store.db).find((c) => c.clientId === 'search')).toEqual({
      clientId: 'search',
      name: null,
      uri: null,
      delivered: 0,
      retrying: 0,
      pending: 1,
      dead: 0,
    });
  });

  it('lists recent deliveries newest first, narrowed by client, session and status', async () => {
    const { h, a, b, c, d } = await scenario();
    const all = recentDeliveries(h.store.db, { limit: 100 });
    expect(all.map((x) => [x.sid, x.clientId])).toEqual([
      [d, 'search'],
      [c, 'billing'],
      [b, 'web'],
      [b, 'billing'],
      [a, 'web'],
      [a, 'billing'],
    ]);
    expect(all[1]).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastStatus: 400,
      lastError: 'The relying party rejected the logout token (HTTP 400): no.',
      userId: 'carol',
    });
    expect(recentDeliveries(h.store.db, { limit: 2 })).toHaveLength(2);
    const byClient = recentDeliveries(h.store.db, { clientId: 'billing', limit: 10 });
    expect(byClient.map((x) => x.sid)).toEqual([c, b, a]);
    expect(
      recentDeliveries(h.store.db, { clientId: 'billing', status: 'pending', limit: 10 }),
    ).toEqual([expect.objectContaining({ sid: b, attempts: 1, lastStatus: 503 })]);
    expect(
      recentDeliveries(h.store.db, { clientId: 'billing', status: 'delivered', limit: 10 }).map(
        (x) => x.sid,
      ),
    ).toEqual([a]);
    expect(
      recentDeliveries(h.store.db, { status: 'delivered', limit: 10 }).map((x) => x.sid),
    ).toEqual([b, a, a]);
    expect(recentDeliveries(h.store.db, { status: 'dead', limit: 10 }).map((x) => x.sid)).toEqual([
      c,
    ]);
    expect(recentDeliveries(h.store.db, { sid: a, limit: 10 }).map((x) => x.clientId)).toEqual([
      'web',
      'billing',
    ]);
    expect(recentDeliveries(h.store.db, { sid: a, clientId: 'web', limit: 10 })).toHaveLength(1);
    expect(recentDeliveries(h.store.db, { sid: a, status: 'dead', limit: 10 })).toEqual([]);
  });

  it("shows one session's propagation participant by participant", async () => {
    const { h, a, live } = await scenario();
    expect(sessionPropagation(h.store.db, a)).toEqual({
      sid: a,
      userId: 'alice',
      status: 'ended',
      endedMs: expect.any(Number),
      participants: [
        {
          clientId: 'web',
          name: 'Web app',
          source: 'session',
          reportedMs: null,
          backchannelLogoutUri: expect.any(String),
          delivery: expect.objectContaining({ status: 'delivered', attempts: 1, lastError: null }),
        },
        {
          clientId: 'billing',
          name: 'Billing',
          source: 'reported',
          reportedMs: expect.any(Number),
          backchannelLogoutUri: expect.any(String),
          delivery: expect.objectContaining({ status: 'delivered', lastStatus: 200 }),
        },
        {
          clientId: 'reports',
          name: 'Reports',
          source: 'reported',
          reportedMs: expect.any(Number),
          backchannelLogoutUri: null,
          delivery: null,
        },
      ],
    });
    // Still active: participants, but nothing sent.
    expect(sessionPropagation(h.store.db, live)?.participants).toEqual([
      expect.objectContaining({ clientId: 'web', delivery: null }),
      expect.objectContaining({ clientId: 'search', source: 'reported', delivery: null }),
    ]);
    expect(sessionPropagation(h.store.db, 'nope')).toBeNull();
  });

  it('lists the newest login reports with their sessions', async () => {
    const { h, a, b, live } = await scenario();
    expect(recentLoginReports(h.store.db, 10)).toEqual([
      {
        sid: live,
        clientId: 'search',
        clientName: 'Search',
        reportedMs: expect.any(Number),
        userId: 'dave',
        sessionClientId: 'web',
        sessionStatus: 'active',
      },
      expect.objectContaining({
        sid: b,
        clientId: 'billing',
        userId: 'bob',
        sessionStatus: 'ended',
      }),
      expect.objectContaining({ sid: a, clientId: 'reports', clientName: 'Reports' }),
      expect.objectContaining({ sid: a, clientId: 'billing' }),
    ]);
    expect(recentLoginReports(h.store.db, 1)).toHaveLength(1);
  });

  it('reads the newest login reports from an index, without sorting the table', async () => {
    const { h } = await scenario();
    const db = h.store.db;
    // Statements are prepared on a connection's first use, and this is its first.
    const prepared = await sqlPreparedDuring(db, () => recentLoginReports(db, 1));
    const sql = prepared.find((text) => text.includes('FROM session_participants'));
    const plan = sql
      ? db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(1)
          .map((row) => (row as { detail: string }).detail)
      : [];
    expect(plan).toContainEqual(expect.stringContaining('session_participants_by_reported'));
    expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
  });

  it('validates the console inputs', () => {
    expect(recentDeliveriesInputSchema.parse({})).toEqual({ limit: 100 });
    expect(recentDeliveriesInputSchema.safeParse({ status: 'lost' }).success).toBe(false);
    expect(recentDeliveriesInputSchema.safeParse({ limit: 501 }).success).toBe(false);
    expect(recentDeliveriesInputSchema.safeParse({ extra: 1 }).success).toBe(false);
    expect(sessionPropagationInputSchema.safeParse({ sid: '' }).success).toBe(false);
    expect(recentLoginReportsInputSchema.parse({})).toEqual({ limit: 100 });
    expect(retryDeliveriesInputSchema.parse({ deliveryId: 3 })).toEqual({ deliveryId: 3 });
    expect(retryDeliveriesInputSchema.parse({ clientId: 'web' })).toEqual({ clientId: 'web' });
    expect(retryDeliveriesInputSchema.safeParse({ deliveryId: 3, clientId: 'web' }).success).toBe(
      false,
    );
    expect(retryDeliveriesInputSchema.safeParse({ deliveryId: 0 }).success).toBe(false);
  });
});
