import type { Policy, SessionEndReason } from '../../../shared/contract';
import type { Effects } from '../events/effects';
import type { RefreshRows } from '../tokens/refresh-rows';
import type { RevocationRows } from '../tokens/revocation-rows';
import type { SessionEnder } from './end-sessions';
import type { SessionRows } from './session-rows';

/** Clock skew verifiers allow; a revocation must outlast every token it covers by this much. */
export const verifyToleranceMs = 60_000;

/** The tables ending a session writes to, and the set-based ender that writes them. */
export interface EndSessionTables {
  readonly sessions: SessionRows;
  readonly refresh: RefreshRows;
  readonly revocations: RevocationRows;
  readonly ender: SessionEnder;
}

/**
 * Ends a session inside the caller's transaction: the session row, every live refresh token of
 * it, a revocation that makes its access tokens fail verification until the last of them would
 * have expired anyway, and a back-channel logout for each participant that asked for one (in the
 * outbox, so it is sent even if Tessera stops right after). Returns false if it had already ended.
 */
export function endSessionInTransaction(
  tables: EndSessionTables,
  input: { sid: string; reason: SessionEndReason; by: string; nowMs: number; policy: Policy },
  effects: Effects,
): boolean {
  return tables.ender.endWithLogouts([input.sid], input, effects) === 1;
}
