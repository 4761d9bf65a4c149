import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  defaultPolicy,
  type EventBatch,
  type Policy,
  type TesseraEvent,
} from '../../../shared/contract';
import { createPolicyRows } from '../policy/policy-rows';
import { openVault } from '../secrets/master-key';
import { createServices } from '../services';
import type { Store } from '../store/open-store';

/** The clock is the one fake we allow: tests move it by hand. */
export function manualClock(startMs = Date.UTC(2026, 10, 23, 9, 0, 0)) {
  let now = startMs;
  return {
    nowMs: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Issuer and audience used by token-service tests. */
export const testIssuer = 'https://tessera.test';
export const testAudience = 'https://api.tessera.test';

/** A token service over a real store and a real (environment) vault, recording its events. */
export async function startTokenService(
  store: Store,
  options: {
    clock?: ReturnType<typeof manualClock>;
    policy?: Partial<Policy>;
    masterKey?: string;
  } = {},
) {
  const clock = options.clock ?? manualClock();
  if (options.policy) {
    // Saved before the services start, as if an operator had set it in an earlier run.
    createPolicyRows(store.db).save({ ...defaultPolicy, ...options.policy }, 'test', clock.nowMs());
  }
  const masterKey = options.masterKey ?? randomBytes(32).toString('base64');
  const vault = await openVault({
    dataDir: join(store.file, '..'),
    env: { TESSERA_MASTER_KEY: masterKey },
    keychain: null,
  });
  const services = createServices({
    store,
    vault,
    clock,
    issuer: testIssuer,
    audience: testAudience,
    batchMs: 1,
  });
  const events: TesseraEvent[] = [];
  services.bus.subscribe({
    filter: {},
    onBatch: (batch: EventBatch) => events.push(...batch.events),
  });
  const service = services.tokens;
  /** Waits for the bus's batches so `events` is complete. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  return { service, services, clock, events, settle, masterKey };
}
