import type Database from 'better-sqlite3';
import type { Policy, SessionEndReason } from '../../../shared/contract';
import type { Effects } from '../events/effects';
import { perDatabase } from '../store/per-database';
import { enqueueLogoutDeliveries } from '../sync/enqueue-logouts';
import { verifyToleranceMs } from './end-session';

/** Why, by whom, when and under which policy sessions are being ended. */
export interface EndSessionsInput {
  readonly reason: SessionEndReason;
  /** `system`, or the operator as `role:name`. */
  readonly by: string;
  readonly nowMs: number;
  readonly policy: Policy;
}

/** Ends sessions by the set; see {@link createSessionEnder}. */
export interface SessionEnder {
  /**
   * Ends every session of `sids` that is still active, inside the caller's transaction: the
   * session rows, their live refresh tokens, one revocation each (so their access tokens fail
   * verification until the last of them would have expired anyway), and per session a revocation
   * for the index and a `session.ended` event, in the order of `sids`. Unknown and already ended
   * sids are skipped. Returns how many sessions it ended. Leaves the logout outbox alone, for
   * callers that queue the logouts themselves (see {@link endWithLogouts}).
   */
  end(sids: readonly string[], input: EndSessionsInput, effects: Effects): number;
  /**
   * {@link end}, plus a back-channel logout in the outbox for each participant of the sessions it
   * ended that asked for one: everything `endSessionInTransaction` writes, for any number of
   * sessions.
   */
  endWithLogouts(sids: readonly string[], input: EndSessionsInput, effects: Effects): number;
}

interface EndedRow {
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
}

/**
 * Ends sessions one or thousands at a time with the same few set-based statements, instead of a
 * handful per session: what lets a query revocation end tens of thousands of sessions a second
 * while the token service keeps serving. `endSessionInTransaction` is meant to delegate here, so
 * that every way a session ends writes the same rows.
 */
export function createSessionEnder(db: Database.Database): SessionEnder {
  // The sids are bound as one JSON array, so one prepared statement serves any number of them
  // (SQLite caps bound parameters; a statement per chunk size would not pay for itself). The `+`
  // keeps the planner off the status indexes: it would walk every active session to find a
  // thousand, where looking each sid up by its primary key costs only what is ended.
  const endRows = db.prepare<
    { sids: string; nowMs: number; reason: SessionEndReason; by: string },
    EndedRow
  >(`
    UPDATE sessions SET status = 'ended', ended_ms = @nowMs, end_reason = @reason, ended_by = @by
    WHERE sid IN (SELECT value FROM json_each(@sids)) AND +status = 'active'
    RETURNING sid, user_id, client_id`);
  const revokeRefresh = db.prepare<[string]>(`
    UPDATE refresh_tokens SET status = 'revoked'
    WHERE sid IN (SELECT value FROM json_each(?)) AND status = 'active'`);
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const insertRevocations = db.prepare<{
    sids: string;
    nowMs: number;
    expiresMs: number;
    reason: SessionEndReason;
    by: string;
  }>(`
    INSERT INTO revocations (kind, subject, revoked_ms, expires_ms, reason, revoked_by)
    SELECT 'session', value, @nowMs, @expiresMs, @reason, @by FROM json_each(@sids) WHERE true
    ON CONFLICT (kind, subject) DO UPDATE SET expires_ms = MAX(expires_ms, excluded.expires_ms)`);

  /** Ends what is still active of `sids`; returns the sids it ended. */
  const endActive = (
    sids: readonly string[],
    input: EndSessionsInput,
    effects: Effects,
  ): readonly string[] => {
    if (sids.length === 0) return [];
    const { reason, by, nowMs } = input;
    const ended = endRows.all({ sids: JSON.stringify(sids), nowMs, reason, by });
    if (ended.length === 0) return [];
    const endedSids = ended.map((row) => row.sid);
    const endedJson = JSON.stringify(endedSids);
    revokeRefresh.run(endedJson);
    const expiresMs = nowMs + input.policy.accessTokenSeconds * 1000 + verifyToleranceMs;
    insertRevocations.run({ sids: endedJson, nowMs, expiresMs, reason, by });
    // RETURNING yields rows in no promised order; events follow the caller's order instead.
    const bySid = new Map(ended.map((row) => [row.sid, row]));
    for (const sid of sids) {
      const row = bySid.get(sid);
      if (!row) continue;
      bySid.delete(sid);
      effects.revoke('session', sid, expiresMs);
      effects.emit('session.ended', {
        sid,
        userId: row.user_id,
        clientId: row.client_id,
        reason,
        by,
      });
    }
    return endedSids;
  };

  return {
    end: (sids, input, effects) => endActive(sids, input, effects).length,
    endWithLogouts(sids, input, effects) {
      const ended = endActive(sids, input, effects);
      enqueueLogoutDeliveries(db, ended, input.nowMs);
      return ended.length;
    },
  };
}

/**
 * The database's one ender: it holds nothing but prepared statements, so the sweeper, the revoker
 * and the token service share it instead of each preparing the same three.
 */
export const sessionEnderOf = perDatabase(createSessionEnder);
