import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ClientDto,
  DemoStatusDto,
  EventPage,
  PolicyDto,
  StatusDto,
} from '../../shared/contract';
import { decodeJwt } from '../../shared/jwt';
import { lintPolicy } from '../../shared/policy';
import type { Caller } from '../core/caller';
import { demoUsers, mobileApp } from './demo-world';
import { createOAuthClient } from './oauth-client';
import { prepareDemo, startTokenServiceWithDemo } from './start-demo';

const admin: Caller = { role: 'admin', name: 'test' };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('prepareDemo', () => {
  it('runs on a fresh folder or one it seeded, never with --no-demo, and on request', () => {
    const fresh = tempDir();
    expect(prepareDemo(fresh, false)).toBeNull();
    expect(prepareDemo(fresh, null)).toEqual({ seed: true });

    const theirs = tempDir();
    writeFileSync(join(theirs, 'tessera.db'), '');
    expect(prepareDemo(theirs, null)).toBeNull();
    expect(prepareDemo(theirs, true)).toEqual({ seed: true });
    writeFileSync(join(theirs, 'demo-seeded'), '');
    expect(prepareDemo(theirs, null)).toEqual({ seed: false });
    expect(prepareDemo(theirs, false)).toBeNull();
  });

  it('seeds again a folder whose first seeding was cut short, but leaves other data alone', () => {
    const dir = tempDir();
    // A first start plans the seed and marks it begun, then dies once the database exists.
    expect(prepareDemo(dir, null)).toEqual({ seed: true });
    writeFileSync(join(dir, 'tessera.db'), '');
    expect(prepareDemo(dir, null)).toEqual({ seed: true });
    expect(prepareDemo(dir, false)).toBeNull();

    const other = tempDir();
    writeFileSync(join(other, 'tessera.db'), '');
    expect(prepareDemo(other, null)).toBeNull();
    expect(existsSync(join(other, 'demo-seeding'))).toBe(false);
  });
});

type Call = <T>(name: string, input: unknown) => Promise<T>;

/** Tessera with its demo on `dataDir`, as serve starts it. */
async function runDemo(dataDir: string, masterKey: string, errors: unknown[]) {
  const started = await startTokenServiceWithDemo(
    {
      port: 0,
      core: {
        dataDir,
        version: 'test',
        env: { TESSERA_MASTER_KEY: masterKey },
        keychain: null,
        log: () => {},
        logError: (_message, error) => errors.push(error),
      },
    },
    true,
  );
  const { service } = started;
  const { plan, clock } = started.demo!;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await started.close();
  };
  cleanups.push(stop);
  const call: Call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await service.core.dispatch(name, input, admin);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  return { plan, clock, service, call, stop };
}

const masterKey = (): string => randomBytes(32).toString('base64');

describe('startDemo', () => {
  it('seeds a week, then drives refreshes, reuse detection, logouts and expiries over HTTP', async () => {
    const errors: unknown[] = [];
    const startedAt = Date.now();
    const { clock, service, call } = await runDemo(tempDir(), masterKey(), errors);

    // A few hundred sessions of varied ages, seeded fast, and the clock back at the present.
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    const status = await call<StatusDto>('status', {});
    expect(status.counts.sessions).toBeGreaterThan(200);
    expect(status.counts.activeSessions).toBeGreaterThan(10);
    expect(Math.abs(clock.aheadMs())).toBeLessThan(5_000);
    // The policy's one deliberate mistake.
    const { policy } = await call<PolicyDto>('policy.get', {});
    expect(lintPolicy(policy).map((finding) => finding.id)).toEqual(['cookie_shorter_than_tokens']);

    // Tokens issued under the simulated clock say so.
    const client = createOAuthClient(service.server.url);
    const tokens = await client.logIn(mobileApp, demoUsers[0]!);
    const decoded = decodeJwt(tokens.accessToken);
    expect(decoded.ok && decoded.jwt.payload.tessera_demo).toBe(true);

    await call('demo.configure', { scenario: 'token_theft', actionsPerMinute: 600 });
    const busy = await until(
      () => call<DemoStatusDto>('demo.status', {}),
      (demoStatus) =>
        demoStatus.enabled &&
        demoStatus.counters.refreshes > 0 &&
        demoStatus.counters.reuseDetections > 0 &&
        demoStatus.counters.deliveries.delivered > 0,
    );
    if (!busy.enabled) throw new Error('the demo is off');
    expect(busy.counters.refreshes).toBeGreaterThan(0);
    expect(busy.counters.reuseDetections).toBeGreaterThan(0);
    expect(busy.counters.deliveries.delivered).toBeGreaterThan(0);

    // An hour a second: sessions idle out (8 h) within seconds, the down service's deliveries die,
    // and virtual users still log in (a login page is not timed on the simulated clock).
    const before = busy.counters.sessionsExpired;
    const loginsBefore = busy.counters.logins;
    await call('demo.configure', { clockSpeed: 3600 });
    const fast = await until(
      () => call<DemoStatusDto>('demo.status', {}),
      (demoStatus) =>
        demoStatus.enabled &&
        demoStatus.counters.sessionsExpired > before + 10 &&
        demoStatus.counters.deliveries.dead > 0 &&
        demoStatus.counters.logins > loginsBefore + 2,
    );
    if (!fast.enabled) throw new Error('the demo is off');
    expect(fast.counters.sessionsExpired).toBeGreaterThan(before + 10);
    expect(fast.counters.deliveries.dead).toBeGreaterThan(0);
    expect(fast.counters.logins).toBeGreaterThan(loginsBefore + 2);
    expect(fast.clock.aheadMs).toBeGreaterThan(3_600_000);
    expect(errors).toEqual([]);
  }, 90_000);

  it('seeds again after a seed cut short without going back over the history already written', async () => {
    const dataDir = tempDir();
    const key = masterKey();
    const errors: unknown[] = [];
    const first = await runDemo(dataDir, key, errors);
    await first.call('demo.configure', { running: false });
    const [written] = (await first.call<EventPage>('events.query', { limit: 1 })).events;
    await first.stop();
    // As if that start had died before its seed was done.
    rmSync(join(dataDir, 'demo-seeded'));
    writeFileSync(join(dataDir, 'demo-seeding'), '');

    const second = await runDemo(dataDir, key, errors);
    expect(second.plan).toEqual({ seed: true });
    await second.call('demo.configure', { running: false });
    const { events } = await second.call<EventPage>('events.query', { limit: 1000 });
    const reseeded = events.filter((event) => event.seq > written!.seq);
    expect(Math.min(...reseeded.map((event) => event.atMs))).toBeGreaterThanOrEqual(written!.atMs);
    expect(errors).toEqual([]);
  }, 90_000);

  it('resumes on a second start: no second seed, the services at their new ports, the same scenario and time', async () => {
    const dataDir = tempDir();
    const key = masterKey();
    const errors: unknown[] = [];
    const newestEventMs = async (demo: { call: Call }): Promise<number> => {
      const page = await demo.call<EventPage>('events.query', { limit: 1 });
      return page.events[0]!.atMs;
    };
    // The first run fast-forwards, so that it ends hours ahead of the real clock.
    const first = await runDemo(dataDir, key, errors);
    await first.call('demo.configure', { scenario: 'token_theft', clockSpeed: 3600 });
    await until(
      async () => first.clock.aheadMs(),
      (aheadMs) => aheadMs > 2 * 3_600_000,
    );
    await first.call('demo.configure', { running: false });
    const before = await first.call<StatusDto>('status', {});
    const firstRunEndMs = await newestEventMs(first);
    expect(firstRunEndMs).toBeGreaterThan(Date.now() + 3_600_000);
    await first.stop();

    // A second start carries on from there, in the scenario it was left in, though token theft
    // runs under the same policy as a normal day.
    const second = await runDemo(dataDir, key, errors);
    expect(second.plan).toEqual({ seed: false });
    expect(second.clock.nowMs()).toBeGreaterThanOrEqual(firstRunEndMs);
    await second.call('demo.configure', { running: false });
    const after = await second.call<StatusDto>('status', {});
    expect(after.counts.sessions).toBeLessThan(before.counts.sessions + 20);
    const demo = await second.call<DemoStatusDto>('demo.status', {});
    if (!demo.enabled) throw new Error('the demo is off');
    expect(demo.scenario).toBe('token_theft');
    const clients = await second.call<ClientDto[]>('clients.list', {});
    for (const running of demo.services) {
      const declared = clients.find((client) => client.clientId === running.clientId);
      expect(declared?.backchannelLogoutUri).toBe(running.logoutUri);
    }
    await second.call('demo.configure', { scenario: 'misconfigured_lifetimes' });
    await second.stop();

    const third = await runDemo(dataDir, key, errors);
    const resumed = await third.call<DemoStatusDto>('demo.status', {});
    expect(resumed.enabled && resumed.scenario).toBe('misconfigured_lifetimes');
    expect(errors).toEqual([]);
  }, 90_000);
});
