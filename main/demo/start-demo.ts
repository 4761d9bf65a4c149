import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventPage, PolicyDto } from '../../shared/contract';
import type { Core } from '../core/core';
import { applyConfig } from '../core/oauth/config-file';
import { startTokenService, type RunningTokenService } from '../http/start-token-service';
import { createDemoClock, type DemoClock } from './demo-clock';
import { createDemoController } from './demo-controller';
import { demoPolicy, resumedScenario } from './demo-policies';
import { demoConfig, demoServices } from './demo-world';
import { startDownstreamServices } from './downstream-services';
import { createOAuthClient } from './oauth-client';
import { readScenario } from './scenario-file';
import { seedHistory, seedSpanMs } from './seed';
import { createSimulator } from './simulator';

/** Left in the data folder once its demo world is seeded: the folder is a demo one from then on. */
const seededMarker = 'demo-seeded';
/** Left while the world is being seeded: a start that died half-way is seeded again. */
const seedingMarker = 'demo-seeding';

/** Whether Tessera runs the demo on a data folder, and whether the world must be seeded first. */
export type DemoPlan = { readonly seed: boolean } | null;

/**
 * The demo runs when asked (`--demo`), and by default on a fresh data folder (no database yet)
 * or one it seeded or began to seed; never with `--no-demo`. It seeds when its world is not
 * complete yet, and then notes in the folder, before the database exists, that seeding began:
 * a start killed half-way is not mistaken for someone's own data next time.
 */
export function prepareDemo(dataDir: string, flag: boolean | null): DemoPlan {
  const fresh = !existsSync(join(dataDir, 'tessera.db'));
  const seeded = !fresh && existsSync(join(dataDir, seededMarker));
  const interrupted = !fresh && !seeded && existsSync(join(dataDir, seedingMarker));
  if (flag === false || (flag === null && !fresh && !seeded && !interrupted)) return null;
  if (!seeded) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, seedingMarker), `${new Date().toISOString()}\n`);
  }
  return { seed: !seeded };
}

/** The clock for a demo run: a week in the past when the seed must walk through it first. */
function demoClockFor(plan: NonNullable<DemoPlan>): DemoClock {
  return createDemoClock(plan.seed ? Date.now() - seedSpanMs : Date.now());
}

/** The demo acts on the core as an administrator would, through the contract. */
const admin = { role: 'admin', name: 'demo' } as const;

/**
 * Moves the clock on to the newest event's time. A fast-forwarded run leaves sessions, tokens
 * and key activations ahead of the real clock, and the log has an event for every change: a
 * restart that went back to real time would write history out of order and stall deadlines and
 * key rotation until real time caught up. A seed cut short resumes from where it stopped, too,
 * instead of walking again over the days it wrote. Done before the demo issues anything; the
 * core's timers that ran meanwhile only saw an earlier "now", which moving forward amends.
 */
async function catchUpWithHistory(core: Core, clock: DemoClock): Promise<void> {
  const newest = await core.dispatch('events.query', { limit: 1 }, admin);
  if (!newest.ok) throw new Error(`demo: could not read the events: ${newest.error.message}`);
  const [event] = (newest.value as EventPage).events;
  if (event) clock.advanceTo(event.atMs);
}

/**
 * Brings the demo to life on a running token service: starts the downstream services, declares
 * the demo's clients, services and users (the services' logout URIs change with every start),
 * seeds a week of history if needed, and starts the virtual users.
 */
async function startDemo(options: {
  readonly service: RunningTokenService;
  readonly clock: DemoClock;
  readonly plan: NonNullable<DemoPlan>;
  readonly log: (line: string) => void;
  readonly logError: (message: string, error: unknown) => void;
}): Promise<{ close(): Promise<void> }> {
  const { service, clock, log } = options;
  const { core } = service;
  await catchUpWithHistory(core, clock);
  const downstream = await startDownstreamServices(demoServices);
  const uris = new Map(downstream.services.map((running) => [running.clientId, running.logoutUri]));
  const world = demoConfig(uris);
  // Once seeded, only the services' logout URIs change between starts; checking every other
  // declared secret and password again would cost a scrypt each.
  await applyConfig(
    core.oauth.directory,
    options.plan.seed ? world : { ...world, clients: [], users: [] },
    'demo',
  );
  if (options.plan.seed) {
    const policy = await core.dispatch('policy.set', { policy: demoPolicy }, admin);
    if (!policy.ok) throw new Error(`demo: could not set its policy: ${policy.error.message}`);
    const seedStartedMs = performance.now();
    const seeded = await seedHistory({
      tokens: core.tokens,
      clock,
      policy: demoPolicy,
      untilMs: Date.now(),
    });
    writeFileSync(join(core.dataDir, seededMarker), `${new Date().toISOString()}\n`);
    rmSync(join(core.dataDir, seedingMarker), { force: true });
    log(
      `demo: seeded a week in ${((performance.now() - seedStartedMs) / 1000).toFixed(1)} s: ${seeded.sessions} sessions, ${seeded.refreshes} refreshes, ${seeded.logouts} logouts, ${seeded.expired} expired`,
    );
  }
  const inForce = await core.dispatch('policy.get', {}, admin);
  if (!inForce.ok) throw new Error(`demo: could not read the policy: ${inForce.error.message}`);
  const controller = createDemoController({
    core,
    clock,
    scenario: resumedScenario((inForce.value as PolicyDto).policy, readScenario(core.dataDir)),
    services: downstream.services,
    simulator: createSimulator({
      client: createOAuthClient(service.server.url),
      clock,
      services: demoServices,
      scenario: () => controller.scenario(),
      logError: options.logError,
    }),
  });
  core.attachDemo(controller);
  controller.start();
  log('demo: running (simulated clock; --no-demo starts without it)');
  return {
    close: async () => {
      await controller.close();
      await downstream.close();
    },
  };
}

/** The token service with the demo on it, when the flag and the data folder call for one. */
export interface ServiceWithDemo {
  readonly service: RunningTokenService;
  /** The demo's plan and clock; null when it does not run. */
  readonly demo: { readonly plan: NonNullable<DemoPlan>; readonly clock: DemoClock } | null;
  /** Stops the demo, then the token service. */
  close(): Promise<void>;
}

/**
 * Starts the token service as every entry point does. The plan is made before the core exists,
 * because the demo's clock must be the core's from its first reading, and the demo is started
 * once the endpoints it drives are up.
 */
export async function startTokenServiceWithDemo(
  options: Parameters<typeof startTokenService>[0],
  demoFlag: boolean | null,
): Promise<ServiceWithDemo> {
  const { dataDir, log, logError } = options.core;
  const plan = prepareDemo(dataDir, demoFlag);
  if (!plan) {
    const service = await startTokenService(options);
    return { service, demo: null, close: () => service.close() };
  }
  const clock = demoClockFor(plan);
  const service = await startTokenService({ ...options, core: { ...options.core, clock } });
  const demo = await startDemo({ service, clock, plan, log, logError });
  return {
    service,
    demo: { plan, clock },
    close: async () => {
      await demo.close();
      await service.close();
    },
  };
}
