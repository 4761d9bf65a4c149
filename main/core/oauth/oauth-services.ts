import type Database from 'better-sqlite3';
import type { EventPayload, Policy } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { RecordedCommit } from '../events/recorded-commit';
import { createDirectory } from './directory';
import { createLoginReports } from './login-reports';

/**
 * What the OAuth endpoints and the directory calls need from the core besides issuing tokens:
 * the directory (clients, users), inbound login reports, the policy in force (rate limits) and
 * the clock. One instance per database, so the client cache has a single writer.
 */
export function createOAuthServices(deps: {
  db: Database.Database;
  commits: RecordedCommit;
  clock: Clock;
  policy: () => Policy;
}) {
  const loginReports = createLoginReports(deps);
  return {
    directory: createDirectory(deps),
    reportLogin: loginReports.report,
    policy: deps.policy,
    clock: deps.clock,
    /** Logs that refreshes were refused for their rate; callers throttle how often. */
    recordRateLimited: async (payload: EventPayload<'refresh.rate_limited'>): Promise<void> => {
      await deps.commits.record('refresh.rate_limited', payload);
    },
  };
}

/** The OAuth endpoints' core services. */
export type OAuthServices = ReturnType<typeof createOAuthServices>;
