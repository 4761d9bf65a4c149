import type { Policy, RefreshRejection } from '../../../shared/contract';
import { endSessionInTransaction, type EndSessionTables } from '../sessions/end-session';
import type { SessionRow } from '../sessions/session-rows';
import type { Effects } from '../events/effects';
import type { GraceReplays } from './grace-replays';
import { hashRefreshToken, newRefreshToken } from './refresh-secret';
import type { RefreshRow } from './refresh-rows';

/** A successful refresh: the session it belongs to and the token to hand back. */
export interface Rotated {
  readonly ok: true;
  /** The successor; null when the policy does not rotate (the client keeps its token). */
  readonly refreshToken: string | null;
  readonly session: SessionRow;
  readonly familyId: string;
  readonly generation: number;
  readonly scope: string;
  readonly graceReplay: boolean;
}

/** A refused refresh (answered `invalid_grant`). */
export interface Refused {
  readonly ok: false;
  readonly reason: RefreshRejection;
}

/** Refused before anything changed: the session is over its refresh rate (see `admit`). */
export interface Throttled {
  readonly ok: false;
  readonly reason: 'rate_limited';
  readonly retryAfterSeconds: number;
}

/** What a rotation reads and writes. */
export interface RotationTables extends EndSessionTables {
  readonly grace: GraceReplays;
}

/**
 * Rotates a refresh token inside the caller's (immediate) transaction, RFC 9700 style: the
 * presented token is consumed and one successor issued; presenting a consumed token again is
 * theft until proven otherwise, and kills the family and its session — except the immediate
 * predecessor within the grace window, which gets the same successor back (no fork).
 */
export function rotateRefreshToken(
  tables: RotationTables,
  input: {
    token: string;
    clientId: string;
    nowMs: number;
    policy: Policy;
    /**
     * The caller's per-session rate limit, asked once the token's session is known (so the limit
     * costs no look-up of its own): null to go ahead, or the seconds to wait.
     */
    admit?: (sid: string) => number | null;
  },
  effects: Effects,
): Rotated | Refused | Throttled {
  const { nowMs, policy } = input;
  const hash = hashRefreshToken(input.token);
  const row = tables.refresh.byHash(hash);
  const refuse = (reason: RefreshRejection, from?: RefreshRow): Refused => {
    effects.emit('refresh.rejected', {
      sid: from?.sid ?? null,
      clientId: input.clientId,
      familyId: from?.family_id ?? null,
      reason,
    });
    return { ok: false, reason };
  };

  if (!row) return refuse('unknown');
  // A token stolen from another client is not evidence against its family: just refuse.
  if (row.client_id !== input.clientId) return refuse('wrong_client', row);
  const retryAfterSeconds = input.admit?.(row.sid) ?? null;
  if (retryAfterSeconds !== null) return { ok: false, reason: 'rate_limited', retryAfterSeconds };
  if (row.status === 'revoked') return refuse('family_revoked', row);

  const session = tables.sessions.get(row.sid);
  if (!session || session.status !== 'active') return refuse('session_ended', row);

  if (row.status === 'consumed') return replayOrReuse(tables, row, session, input, effects, refuse);

  const limit = refreshTimeLimit(row, session, nowMs);
  if (limit === 'expired') return refuse('expired', row);
  if (limit) {
    endSessionInTransaction(
      tables,
      { sid: session.sid, reason: limit, by: 'system', nowMs, policy },
      effects,
    );
    return refuse('session_ended', row);
  }

  tables.sessions.touch(session.sid, nowMs, nowMs + policy.sessionIdleSeconds * 1000);
  const touched = { ...session, last_seen_ms: nowMs };
  if (!policy.rotateRefreshTokens) {
    refreshed(effects, touched, row.family_id, row.generation, false);
    return success(null, touched, row, row.generation, false);
  }

  tables.refresh.consume(hash, nowMs);
  const successor = newRefreshToken();
  const successorHash = hashRefreshToken(successor);
  const generation = row.generation + 1;
  tables.refresh.insert({
    token_hash: successorHash,
    family_id: row.family_id,
    sid: row.sid,
    client_id: row.client_id,
    generation,
    parent_hash: hash,
    issued_ms: nowMs,
    idle_expires_ms: Math.min(nowMs + policy.refreshIdleSeconds * 1000, row.absolute_expires_ms),
    absolute_expires_ms: row.absolute_expires_ms,
    scope: row.scope,
  });
  if (policy.reuseGraceSeconds > 0) {
    tables.grace.remember(hash, successor, successorHash, nowMs + policy.reuseGraceSeconds * 1000);
  }
  refreshed(effects, touched, row.family_id, generation, false);
  return success(successor, touched, row, generation, false);
}

/**
 * Which clock limit stops a refresh token of an active session at `nowMs`: the token's own idle or
 * absolute expiry, then the session's maximum lifetime, then its idle timeout; null if none.
 * Rotation and introspection both ask this, so that introspection never calls a token active that
 * a refresh would refuse.
 */
export function refreshTimeLimit(
  row: Pick<RefreshRow, 'idle_expires_ms' | 'absolute_expires_ms'>,
  session: Pick<SessionRow, 'idle_deadline_ms' | 'absolute_deadline_ms'>,
  nowMs: number,
): 'expired' | 'max_lifetime' | 'idle_timeout' | null {
  if (nowMs >= row.idle_expires_ms || nowMs >= row.absolute_expires_ms) return 'expired';
  if (nowMs >= session.absolute_deadline_ms) return 'max_lifetime';
  if (nowMs >= session.idle_deadline_ms) return 'idle_timeout';
  return null;
}

function replayOrReuse(
  tables: RotationTables,
  row: RefreshRow,
  session: SessionRow,
  input: { nowMs: number; policy: Policy },
  effects: Effects,
  refuse: (reason: RefreshRejection, from?: RefreshRow) => Refused,
): Rotated | Refused {
  // The family's live token is read only when there is a remembered successor to compare it to.
  const remembered = tables.grace.recall(row.token_hash, input.nowMs);
  const live = remembered && tables.refresh.live(row.family_id);
  if (remembered && live && live.token_hash.equals(remembered.successorHash)) {
    refreshed(effects, session, row.family_id, live.generation, true);
    return success(remembered.successor, session, row, live.generation, true);
  }
  const latestGeneration = tables.refresh.latestGeneration(row.sid, row.family_id);
  tables.refresh.revokeFamily(row.family_id);
  tables.revocations.insert({
    kind: 'family',
    subject: row.family_id,
    expires_ms: row.absolute_expires_ms,
    revokedMs: input.nowMs,
    reason: 'reuse_detected',
    revokedBy: 'system',
  });
  effects.revoke('family', row.family_id, row.absolute_expires_ms);
  effects.emit('refresh.reuse_detected', {
    sid: session.sid,
    userId: session.user_id,
    clientId: session.client_id,
    familyId: row.family_id,
    presentedGeneration: row.generation,
    latestGeneration,
  });
  endSessionInTransaction(
    tables,
    {
      sid: session.sid,
      reason: 'reuse_detected',
      by: 'system',
      nowMs: input.nowMs,
      policy: input.policy,
    },
    effects,
  );
  return refuse('reused', row);
}

function refreshed(
  effects: Effects,
  session: SessionRow,
  familyId: string,
  generation: number,
  graceReplay: boolean,
): void {
  effects.emit('token.refreshed', {
    sid: session.sid,
    userId: session.user_id,
    clientId: session.client_id,
    familyId,
    generation,
    graceReplay,
  });
}

function success(
  refreshToken: string | null,
  session: SessionRow,
  row: RefreshRow,
  generation: number,
  graceReplay: boolean,
): Rotated {
  return {
    ok: true,
    refreshToken,
    session,
    familyId: row.family_id,
    generation,
    scope: row.scope,
    graceReplay,
  };
}
