import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import { closedPortUri, useDeliveryHarness } from './delivery.test-helper';

const harness = useDeliveryHarness();

/** The attempts' events, oldest first. */
function attempts(h: Awaited<ReturnType<typeof harness.start>>) {
  return h
    .logged(['sync.delivery_attempted'])
    .map((event) => event.payload as EventPayload<'sync.delivery_attempted'>);
}

/** Waits (really) until `check` holds, for things that happen in the background. */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('delivery worker', () => {
  it('delivers a valid logout token to every participant, each as its own audience', async () => {
    const h = await harness.start();
    const web = await h.relyingParty('web');
    const billing = await h.relyingParty('billing');
    h.addClient('web', web.uri);
    h.addClient('billing', billing.uri);
    h.addClient('cli', null);
    const sid = await h.login('alice', 'web');
    h.report(sid, 'billing');
    h.report(sid, 'cli');
    await h.endSessions([sid]);

    const worker = h.worker();
    expect(await worker.runDue()).toBe(2);

    for (const [rp, clientId] of [
      [web, 'web'],
      [billing, 'billing'],
    ] as const) {
      expect(rp.received).toHaveLength(1);
      const [logout] = rp.received;
      expect(logout?.problem).toBeNull();
      expect(logout?.contentType).toBe('application/x-www-form-urlencoded');
      expect(logout?.claims).toMatchObject({ aud: clientId, sid, sub: 'alice' });
      expect(h.delivery(clientId)).toMatchObject({
        status: 'delivered',
        attempts: 1,
        last_status: 200,
        last_error: null,
        finished_ms: h.clock.nowMs(),
      });
    }
    // The two went out side by side: their order is not fixed.
    expect(attempts(h)).toHaveLength(2);
    expect(attempts(h)).toEqual(
      expect.arrayContaining(
        ['web', 'billing'].map((clientId) =>
          expect.objectContaining({
            sid,
            userId: 'alice',
            clientId,
            attempt: 1,
            status: 200,
            outcome: 'delivered',
            error: null,
          }),
        ),
      ),
    );
    expect(h.logged(['sync.delivery_dead'])).toEqual([]);
    // Nothing is due any more.
    expect(await worker.runDue()).toBe(0);
  });

  it('retries 503s with exponential backoff and full jitter until the relying party takes it', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web', [503, 503, 200]);
    h.addClient('web', rp.uri);
    await h.endSessions([await h.login('alice', 'web')]);
    // random() = 0.5: the n-th retry waits half its window, base·2^(n-1), plus rounding.
    const worker = h.worker({ baseDelayMs: 1000, maxDelayMs: 60_000 });

    expect(await worker.runDue()).toBe(1);
    const first = h.delivery('web');
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_status: 503 });
    expect(first.next_attempt_ms).toBe(h.clock.nowMs() + 500);
    expect(first.last_error).toBe('The relying party answered HTTP 503.');

    // Not due yet: nothing happens.
    h.clock.advance(499);
    expect(await worker.runDue()).toBe(0);
    h.clock.advance(1);
    expect(await worker.runDue()).toBe(1);
    expect(h.delivery('web')).toMatchObject({
      status: 'pending',
      attempts: 2,
      next_attempt_ms: h.clock.nowMs() + 1000,
    });

    h.clock.advance(1000);
    expect(await worker.runDue()).toBe(1);
    expect(h.delivery('web')).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_status: 200,
      last_error: null,
    });
    expect(rp.received.map((r) => r.problem)).toEqual([null, null, null]);
    // A fresh token (jti) per attempt.
    expect(new Set(rp.received.map((r) => r.claims?.jti)).size).toBe(3);
    expect(attempts(h).map((a) => [a.attempt, a.status, a.outcome])).toEqual([
      [1, 503, 'retry'],
      [2, 503, 'retry'],
      [3, 200, 'delivered'],
    ]);
  });

  it('caps the backoff window at maxDelayMs', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web', [500, 500, 500, 500]);
    h.addClient('web', rp.uri);
    await h.endSessions([await h.login('alice', 'web')]);
    const worker = h.worker({ baseDelayMs: 1000, maxDelayMs: 3000, random: () => 0.999999 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      expect(await worker.runDue()).toBe(1);
      const row = h.delivery('web');
      delays.push(row.next_attempt_ms - h.clock.nowMs());
      h.clock.advance(row.next_attempt_ms - h.clock.nowMs());
    }
    expect(delays).toEqual([1000, 2000, 3000, 3000]);
  });

  it('dead-letters a relying party that is down after maxAttempts, and keeps it visible', async () => {
    const h = await harness.start();
    h.addClient('web', await closedPortUri());
    const sid = await h.login('alice', 'web');
    await h.endSessions([sid]);
    const worker = h.worker({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 });

    for (let i = 0; i < 3; i += 1) {
      expect(await worker.runDue()).toBe(1);
      h.clock.advance(40);
    }
    expect(await worker.runDue()).toBe(0);
    const row = h.delivery('web');
    expect(row).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_status: null,
      last_error: 'The connection failed (ECONNREFUSED).',
    });
    expect(row.finished_ms).not.toBeNull();
    expect(attempts(h).map((a) => [a.status, a.outcome, a.error])).toEqual([
      [null, 'retry', 'The connection failed (ECONNREFUSED).'],
      [null, 'retry', 'The connection failed (ECONNREFUSED).'],
      [null, 'dead', 'The connection failed (ECONNREFUSED).'],
    ]);
    expect(h.logged(['sync.delivery_dead']).map((e) => e.payload)).toEqual([
      {
        deliveryId: row.delivery_id,
        sid,
        userId: 'alice',
        clientId: 'web',
        attempts: 3,
        lastStatus: null,
        error: 'The connection failed (ECONNREFUSED).',
      },
    ]);
  });

  it('gives up at once when the relying party answers 400, and never records the token', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web');
    h.addClient('web', rp.uri);
    const sid = await h.login('alice', 'web');
    await h.endSessions([sid]);
    // Signed with a key the relying party does not know: it rejects the token, as it must.
    h.ring.set([{ ...h.key, state: 'active', kid: 'unknown-kid' }]);
    const worker = h.worker();

    expect(await worker.runDue()).toBe(1);
    expect(rp.received[0]?.problem).toMatch(/key/i);
    const row = h.delivery('web');
    expect(row).toMatchObject({ status: 'dead', attempts: 1, last_status: 400 });
    expect(row.last_error).toMatch(
      /^The relying party rejected the logout token \(HTTP 400\): invalid_request: .*key.*\.$/,
    );
    const token = rp.received[0]?.token ?? '';
    expect(token).not.toBe('');
    const recorded = JSON.stringify([
      h.deliveries(),
      h.logged(['sync.delivery_attempted', 'sync.delivery_dead']),
    ]);
    expect(recorded).not.toContain(token.split('.')[2]);
    expect(attempts(h).map((a) => [a.attempt, a.status, a.outcome])).toEqual([[1, 400, 'dead']]);
    expect(h.logged(['sync.delivery_dead']).map((e) => e.payload)).toEqual([
      expect.objectContaining({ sid, clientId: 'web', attempts: 1, lastStatus: 400 }),
    ]);
    // Final: later rounds leave it alone.
    h.clock.advance(3_600_000);
    expect(await worker.runDue()).toBe(0);
  });

  it('blanks out a token a rejecting relying party echoes back', async () => {
    const h = await harness.start();
    h.addClient('web', 'http://placeholder.invalid/');
    await h.endSessions([await h.login('alice', 'web')]);
    let seen = '';
    const worker = h.worker({
      fetch: async (_url, init) => {
        seen = new URLSearchParams(String(init?.body)).get('logout_token') ?? '';
        return new Response(
          JSON.stringify({ error: 'invalid_token', error_description: `bad token ${seen}` }),
          { status: 400 },
        );
      },
    });
    expect(await worker.runDue()).toBe(1);
    const row = h.delivery('web');
    expect(row.last_error).toBe(
      'The relying party rejected the logout token (HTTP 400): invalid_token: bad token [token].',
    );
    expect(JSON.stringify(h.logged(['sync.delivery_attempted']))).not.toContain(seen);
  });

  it('retries a relying party that does not answer in time', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web', ['hang']);
    h.addClient('web', rp.uri);
    await h.endSessions([await h.login('alice', 'web')]);
    const worker = h.worker({ timeoutMs: 150 });
    expect(await worker.runDue()).toBe(1);
    expect(h.delivery('web')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status: null,
      last_error: 'No answer within 150 ms.',
    });
    expect(attempts(h)[0]?.latencyMs).toBeGreaterThanOrEqual(140);
    h.clock.advance(1000);
    expect(await worker.runDue()).toBe(1);
    expect(h.delivery('web').status).toBe('delivered');
  });

  it('does not follow redirects', async () => {
    const h = await harness.start();
    const elsewhere = await h.relyingParty('web');
    const rp = await h.relyingParty('web', [{ status: 307, body: '', location: elsewhere.uri }]);
    h.addClient('web', rp.uri);
    await h.endSessions([await h.login('alice', 'web')]);
    expect(await h.worker().runDue()).toBe(1);
    expect(elsewhere.received).toEqual([]);
    expect(h.delivery('web')).toMatchObject({
      status: 'pending',
      last_status: 307,
      last_error:
        'The relying party answered with a redirect (HTTP 307); redirects are not followed.',
    });
  });

  it('sends nothing to a URI that is not http(s), and gives up on it at once', async () => {
    const h = await harness.start();
    h.addClient('web', 'file:///etc/passwd');
    h.addClient('billing', 'https://user:secret@billing.test/bcl');
    const sid = await h.login('alice', 'web');
    h.report(sid, 'billing');
    await h.endSessions([sid]);
    const requested: unknown[] = [];
    const worker = h.worker({
      fetch: async (url) => {
        requested.push(url);
        return new Response(null, { status: 200 });
      },
    });
    expect(await worker.runDue()).toBe(2);
    expect(requested).toEqual([]);
    expect(h.delivery('web')).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error: 'The back-channel logout URI must be an http or https URL.',
    });
    expect(h.delivery('billing').last_error).toBe(
      'The back-channel logout URI must not contain a user name or password.',
    );
  });

  it('survives a restart: what a dead process queued, a new one delivers', async () => {
    const first = await harness.start();
    const rp = await first.relyingParty('web');
    first.addClient('web', rp.uri);
    const sid = await first.login('alice', 'web');
    await first.endSessions([sid]);
    first.worker(); // made, never run: the process "crashes" before delivering
    first.close();

    const second = await harness.start({
      file: first.file,
      masterKey: first.masterKey,
      clock: first.clock,
      key: first.key,
    });
    expect(second.deliveries()).toEqual([expect.objectContaining({ sid, status: 'pending' })]);
    expect(await second.worker().runDue()).toBe(1);
    expect(rp.received.map((r) => r.problem)).toEqual([null]);
    expect(second.delivery('web').status).toBe('delivered');
  });

  it('attempts again, after its lease, a delivery whose worker died mid-request', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web', ['hang']);
    h.addClient('web', rp.uri);
    const sid = await h.login('alice', 'web');
    await h.endSessions([sid]);

    const dying = h.worker({ leaseMs: 30_000 });
    const run = dying.runDue();
    await eventually(() => rp.received.length === 1);
    await dying.stop(); // the request is cut off; nothing about it is recorded
    expect(await run).toBe(1);
    expect(h.delivery('web')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(attempts(h)).toEqual([]);

    const next = h.worker();
    expect(await next.runDue()).toBe(0); // still leased to the dead worker
    h.clock.advance(30_000);
    expect(await next.runDue()).toBe(1);
    expect(h.delivery('web')).toMatchObject({ status: 'delivered', attempts: 1 });
    // The relying party saw the same logout twice, as two valid tokens with different jtis.
    expect(rp.received.map((r) => [r.problem, r.claims?.sid])).toEqual([
      [null, sid],
      [null, sid],
    ]);
    expect(rp.received[0]?.claims?.jti).not.toBe(rp.received[1]?.claims?.jti);
  });

  it('sends nothing it claimed once stopped', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web');
    h.addClient('web', rp.uri);
    await h.endSessions([await h.login('alice', 'web')]);
    const worker = h.worker({ leaseMs: 30_000 });
    const run = worker.runDue(); // its claim is committing...
    await worker.stop(); // ...when the process shuts down
    expect(await run).toBe(0);
    expect(rp.received).toEqual([]);
    // Claimed, so it waits out its lease, then the next process sends it.
    expect(h.delivery('web')).toMatchObject({
      status: 'pending',
      attempts: 0,
      next_attempt_ms: h.clock.nowMs() + 30_000,
    });
    expect(await worker.runDue()).toBe(0);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web');
    h.addClient('web', rp.uri);
    const sids: string[] = [];
    for (let i = 0; i < 12; i += 1) sids.push(await h.login(`user-${i}`, 'web'));
    await h.endSessions(sids);
    const slow: typeof fetch = async (url, init) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return fetch(url, init);
    };
    expect(await h.worker({ concurrency: 3, fetch: slow }).runDue()).toBe(12);
    expect(rp.received).toHaveLength(12);
    expect(rp.maxConcurrent()).toBeLessThanOrEqual(3);
    expect(h.deliveries().every((d) => d.status === 'delivered')).toBe(true);
  });

  it('attempts nothing while there is no signing key', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web');
    h.addClient('web', rp.uri);
    await h.endSessions([await h.login('alice', 'web')]);
    h.ring.set([]);
    const worker = h.worker();
    expect(await worker.runDue()).toBe(0);
    expect(h.delivery('web')).toMatchObject({ status: 'pending', attempts: 0 });
    h.ring.set([{ ...h.key, state: 'active' }]);
    expect(await worker.runDue()).toBe(1);
  });

  it('retries dead deliveries by hand, by client or by id, with a fresh set of attempts', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web', [
      { status: 400, body: '{"error":"invalid_request"}' },
      { status: 400, body: 'nope' },
    ]);
    h.addClient('web', rp.uri);
    const one = await h.login('alice', 'web');
    const two = await h.login('bob', 'web');
    await h.endSessions([one, two]);
    const worker = h.worker();
    expect(await worker.runDue()).toBe(2);
    expect(h.deliveries().map((d) => d.status)).toEqual(['dead', 'dead']);

    const [first, second] = h.deliveries();
    expect(await worker.retryNow(first!.delivery_id, 'admin:ann')).toBe(1);
    expect(h.delivery('web')).toMatchObject({ status: 'pending', attempts: 0, finished_ms: null });
    expect(await worker.runDue()).toBe(1);
    expect(h.deliveries().map((d) => d.status)).toEqual(['delivered', 'dead']);

    expect(await worker.retryNow('web', 'admin:ann')).toBe(1); // the delivered one stays
    expect(await worker.retryNow('nobody')).toBe(0);
    expect(await worker.retryNow(second!.delivery_id + 100)).toBe(0);
    expect(await worker.runDue()).toBe(1);
    expect(h.deliveries().map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(h.logged(['sync.retry_requested']).map((e) => e.payload)).toEqual([
      { deliveryId: first!.delivery_id, clientId: 'web', count: 1, by: 'admin:ann' },
      { deliveryId: null, clientId: 'web', count: 1, by: 'admin:ann' },
    ]);
  });

  it('once started, delivers on a kick and wakes itself for retries', async () => {
    const h = await harness.start();
    const rp = await h.relyingParty('web', [503]);
    h.addClient('web', rp.uri);
    const worker = h.worker({ baseDelayMs: 40, maxDelayMs: 40 });
    worker.start();
    await h.endSessions([await h.login('alice', 'web')]);
    worker.kick();
    await eventually(() => h.deliveries()[0]?.attempts === 1);
    // The retry is due 20 ms later by the (manual) clock; the worker's timer sleeps about that
    // long by the real one, so moving the clock lets the wake-up find it due.
    h.clock.advance(20);
    await eventually(() => h.deliveries()[0]?.status === 'delivered');
    expect(rp.received).toHaveLength(2);
    await worker.stop();
  });
});
