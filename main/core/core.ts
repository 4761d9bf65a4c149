import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from './api';
import { realDelayMs, systemClock, type Clock } from './clock';
import { createDemoHandlers, type DemoController } from './demo-handlers';
import { createDispatcher, type Dispatch, type ErrorLog } from './dispatch';
import type { Keychain } from './secrets/keychain';
import { openVault } from './secrets/master-key';
import { openStore } from './store/open-store';
import { createIssuerKeyFetcher } from './tokens/issuer-keys';
import type { TokenService } from './tokens/token-service';
import type { EventBus } from './events/event-bus';
import type { OAuthServices } from './oauth/oauth-services';
import { createServices } from './services';
import { createHistoryRetention } from './sessions/retention';
import { createSessionRevoker } from './sessions/revoke-sessions';
import { createSessionSweeper } from './sessions/sweeper';
import { createDeliveryWorker } from './sync/delivery-worker';
import { verifySignature } from './tokens/verify-signature';

/** The core services both entry points (Electron and headless) run on. */
export interface Core {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly tokens: TokenService;
  /** Clients, users and login reports, for the OAuth endpoints and the config file. */
  readonly oauth: OAuthServices;
  readonly dataDir: string;
  /** Gives the demo's calls their implementation once the demo runs. */
  attachDemo(demo: DemoController): void;
  /** Stops timers and closes the database; acknowledged writes are already durable. */
  close(): void;
}

/** Options for {@link createCore}. */
export interface CoreOptions {
  readonly dataDir: string;
  readonly version: string;
  /** The token service's issuer URL (its HTTP base). */
  readonly issuer: string;
  readonly clock?: Clock;
  readonly logError: ErrorLog;
  readonly log: (line: string) => void;
  /** Where TESSERA_MASTER_KEY is read from; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The OS keychain; undefined loads keytar, null means none (tests, headless CI). */
  readonly keychain?: Keychain | null;
  /** better-sqlite3 addon built for Electron's ABI, when running inside Electron. */
  readonly sqliteBinding?: string;
}

/** Audience of the access tokens: the resource servers on this machine, as one API. */
const audience = 'api://default';
/** How often scheduled work (key rotation from policy, pruning) runs. */
const housekeepingMs = 60_000;
const minHousekeepingMs = 1000;
/**
 * The longest the sweeper waits before looking again. No session is ever created with a deadline
 * sooner than 60 s away (the policy's minimum idle and maximum lifetimes), so re-reading the
 * earliest deadline at least this often still ends every session on its deadline's second.
 */
const sweepRecheckMs = 60_000;

/** Builds the core over a data folder (created owner-only if missing). */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore({
    file: join(options.dataDir, 'tessera.db'),
    nativeBinding: options.sqliteBinding,
  });
  const vault = await openVault({
    dataDir: options.dataDir,
    env: options.env,
    keychain: options.keychain,
    log: options.log,
  });
  if (vault.warning) options.log(`warning: ${vault.warning}`);
  if (!store.health.ok)
    options.log(`warning: database integrity check failed: ${store.health.detail}`);
  const { log, bus, commits, policies, tokens, oauth } = createServices({
    store,
    vault,
    clock,
    issuer: options.issuer,
    audience,
  });
  const logouts = createDeliveryWorker({
    db: store.db,
    commits,
    clock,
    issuer: options.issuer,
    ring: { active: () => tokens.activeSigningKey() },
    logError: options.logError,
  });
  // Every committed session end is followed by an attempt at once, not at the next timer.
  const stopLogoutKicks = bus.subscribe({
    filter: { types: ['session.ended'] },
    onBatch: () => logouts.kick(),
  });
  logouts.start();
  const policy = () => policies.current().policy;
  const sessionOps = { db: store.db, commit: tokens.commit, policy };
  const revoker = createSessionRevoker({ ...sessionOps, clock, logError: options.logError });
  const sweeper = createSessionSweeper(sessionOps);
  const retention = createHistoryRetention(sessionOps);
  let closed = false;
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  const sweepAtNextDeadline = (): void => {
    if (closed) return;
    const delayMs = Math.max(0, (sweeper.nextDeadline() ?? Infinity) - clock.nowMs());
    sweepTimer = setTimeout(
      () => {
        sweeper
          .sweepExpired(clock.nowMs())
          .catch((error: unknown) => options.logError('session sweep failed', error))
          .finally(sweepAtNextDeadline);
      },
      Math.min(realDelayMs(clock, delayMs), sweepRecheckMs),
    );
    sweepTimer.unref();
  };
  sweepAtNextDeadline();
  const fetchIssuerKeys = createIssuerKeyFetcher();
  const demo = createDemoHandlers();
  const handlers = createApi({
    logouts,
    oauth,
    version: options.version,
    dataDir: options.dataDir,
    issuer: options.issuer,
    clock,
    commits,
    log,
    policies,
    store,
    vault,
    tokens,
    revoker,
    startedAtMs: clock.nowMs(),
    verifySignature: (token, key) => verifySignature(token, key, { fetchIssuerKeys }),
  });
  let housekeepingTimer: ReturnType<typeof setTimeout> | undefined;
  const housekeepLater = (): void => {
    if (closed) return;
    // A fast-forwarded clock rotates keys and prunes on its own time, but at most once a second.
    housekeepingTimer = setTimeout(
      () => {
        void Promise.all([
          tokens
            .housekeeping()
            .catch((error: unknown) => options.logError('housekeeping failed', error)),
          retention
            .applyRetention(clock.nowMs(), policy())
            .catch((error: unknown) => options.logError('history retention failed', error)),
        ]).finally(housekeepLater);
      },
      Math.max(minHousekeepingMs, realDelayMs(clock, housekeepingMs)),
    );
    housekeepingTimer.unref();
  };
  housekeepLater();
  return {
    dispatch: createDispatcher({ ...handlers, ...demo.handlers }, options.logError),
    bus,
    tokens,
    oauth,
    dataDir: options.dataDir,
    attachDemo: demo.attach,
    close() {
      closed = true;
      clearTimeout(sweepTimer);
      revoker.close();
      clearTimeout(housekeepingTimer);
      stopLogoutKicks();
      // Its synchronous part stops claims and writes and aborts requests before the store closes.
      void logouts.stop();
      store.close();
    },
  };
}
