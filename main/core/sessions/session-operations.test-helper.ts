import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  defaultPolicy,
  type EventPayload,
  type EventType,
  type Policy,
  type TesseraEvent,
} from '../../../shared/contract';
import { createEventBus } from '../events/event-bus';
import { createEventLog } from '../events/event-log';
import { createRecordedCommit } from '../events/recorded-commit';
import { createPolicyRows } from '../policy/policy-rows';
import { openVault } from '../secrets/master-key';
import { createGroupCommitter } from '../store/group-commit';
import type { Store } from '../store/open-store';
import { manualClock, testAudience, testIssuer } from '../tokens/token-service.test-helper';
import { createTokenService } from '../tokens/token-service';
import { createHistoryRetention } from './retention';
import { createSessionRevoker } from './revoke-sessions';
import { createSessionSweeper } from './sweeper';

/**
 * A real token service over a real store, with the revoker, sweeper and retention built on the
 * service's own commit, so a revocation reaches the very index `service.verify` consults.
 */
export async function startSessionOperations(
  store: Store,
  options: { policy?: Partial<Policy>; chunkSize?: number } = {},
) {
  const clock = manualClock();
  const policies = createPolicyRows(store.db);
  if (options.policy) policies.save({ ...defaultPolicy, ...options.policy }, 'test', clock.nowMs());
  const vault = await openVault({
    dataDir: join(store.file, '..'),
    env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
    keychain: null,
  });
  const bus = createEventBus({ batchMs: 1 });
  const events: TesseraEvent[] = [];
  bus.subscribe({ filter: {}, onBatch: (batch) => events.push(...batch.events) });
  const recorded = createRecordedCommit({
    committer: createGroupCommitter(store.db),
    log: createEventLog(store.db, clock),
    bus,
  });

  const service = createTokenService({
    store,
    vault,
    clock,
    commits: recorded,
    policies,
    issuer: testIssuer,
    audience: testAudience,
  });
  const { commit } = service;

  const policy = (): Policy => policies.current().policy;
  const errors: unknown[] = [];
  const chunkSize = options.chunkSize;
  const revoker = createSessionRevoker({
    db: store.db,
    commit,
    clock,
    policy,
    chunkSize,
    logError: (_message, error) => errors.push(error),
  });
  const sweeper = createSessionSweeper({ db: store.db, commit, policy, chunkSize });
  const retention = createHistoryRetention({ db: store.db, commit, chunkSize });

  /** Events of one type that subscribers have received so far. */
  const received = <K extends EventType>(type: K): EventPayload<K>[] =>
    events.flatMap((event) => (event.type === type ? [event.payload as EventPayload<K>] : []));

  /** Resolves once `check` holds, polling; fails after `timeoutMs`. */
  const until = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  /** Waits for the bus's batches so `events` is complete. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  return {
    service,
    revoker,
    sweeper,
    retention,
    clock,
    policy,
    events,
    received,
    until,
    settle,
    errors,
  };
}
