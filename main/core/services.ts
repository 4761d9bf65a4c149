import type { Clock } from './clock';
import { createEventBus } from './events/event-bus';
import { createEventLog } from './events/event-log';
import { createRecordedCommit } from './events/recorded-commit';
import { createOAuthServices } from './oauth/oauth-services';
import { createPolicyRows } from './policy/policy-rows';
import type { Vault } from './secrets/vault';
import { createGroupCommitter } from './store/group-commit';
import type { Store } from './store/open-store';
import { createTokenService } from './tokens/token-service';

/** What the services over one database need. */
export interface ServicesOptions {
  readonly store: Store;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly issuer: string;
  readonly audience: string;
  /** How long live events wait to be batched (tests shorten it). */
  readonly batchMs?: number;
}

/**
 * The services over one open database, wired one way for everyone (the app, tests, benchmarks):
 * an event log behind a group committer, a live bus that replays from the log, the policy, the
 * token service, and the OAuth directory (clients, users, login reports).
 */
export function createServices(options: ServicesOptions) {
  const { store, clock } = options;
  const log = createEventLog(store.db, clock);
  const bus = createEventBus({
    batchMs: options.batchMs,
    replay: (filter, afterSeq, limit) => log.query({ filter, afterSeq, limit, newestFirst: false }),
  });
  const commits = createRecordedCommit({ committer: createGroupCommitter(store.db), log, bus });
  const policies = createPolicyRows(store.db);
  const tokens = createTokenService({
    store,
    vault: options.vault,
    clock,
    commits,
    policies,
    issuer: options.issuer,
    audience: options.audience,
  });
  const oauth = createOAuthServices({
    db: store.db,
    commits,
    clock,
    policy: () => policies.current().policy,
  });
  return { log, bus, commits, policies, tokens, oauth };
}

/** The services over one database. */
export type Services = ReturnType<typeof createServices>;
