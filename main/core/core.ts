import { mkdirSync } from 'node:fs';
import { createApi } from './api';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatch, type ErrorLog } from './dispatch';
import { createEventBus, type EventBus } from './events/event-bus';
import { createIssuerKeyFetcher } from './tokens/issuer-keys';
import { verifySignature } from './tokens/verify-signature';

/** The core services both entry points (Electron and headless) run on. */
export interface Core {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly dataDir: string;
}

/** Options for {@link createCore}. */
export interface CoreOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly clock?: Clock;
  readonly logError: ErrorLog;
}

/** Builds the core over a data folder (created owner-only if missing). */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const bus = createEventBus({ clock });
  const fetchIssuerKeys = createIssuerKeyFetcher();
  const handlers = createApi({
    version: options.version,
    dataDir: options.dataDir,
    clock,
    bus,
    startedAtMs: clock.nowMs(),
    verifySignature: (token, key) => verifySignature(token, key, { fetchIssuerKeys }),
  });
  return {
    dispatch: createDispatcher(handlers, options.logError),
    bus,
    dataDir: options.dataDir,
  };
}
