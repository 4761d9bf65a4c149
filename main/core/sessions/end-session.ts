import type Database from 'better-sqlite3';
import type { Policy, SessionEndReason } from '../../../shared/contract';
import { enqueueLogoutDeliveries } from '../sync/enqueue-logouts';
import type { Effects } from '../events/effects';
import type { RefreshRows } from '../tokens/refresh-rows';
import type { RevocationRows } from '../tokens/revocation-rows';
import type { SessionRows } from './session-rows';

/** Clock skew verifiers allow; a revocation must outlast every token it covers by this much. */
export const verifyToleranceMs = 60_000;

/** The tables ending a session writes to. */
export interface EndSessionTables {
  /** The database the tables live in (for the logout outbox). */
  readonly db: Database.Database;
  readonly sessions: SessionRows;
  readonly refresh: RefreshRows;
  readonly revocations: RevocationRows;
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
  const session = tables.sessions.get(input.sid);
  if (!session || !tables.sessions.end(input.sid, input.nowMs, input.reason, input.by)) {
    return false;
  }
  tables.refresh.revokeSession(input.sid);
  const expiresMs = input.nowMs + input.policy.accessTokenSeconds * 1000 + verifyToleranceMs;
  tables.revocations.insert({
    kind: 'session',
    subject: input.sid,
    expires_ms: expiresMs,
    revokedMs: input.nowMs,
    reason: input.reason,
    revokedBy: input.by,
  });
  effects.revoke('session', input.sid, expiresMs);
  enqueueLogoutDeliveries(tables.db, [input.sid], input.nowMs);
  effects.emit('session.ended', {
    sid: input.sid,
    userId: session.user_id,
    clientId: session.client_id,
    reason: input.reason,
    by: input.by,
  });
  return true;
}
