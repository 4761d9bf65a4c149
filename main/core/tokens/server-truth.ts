import type { JsonObject } from '../../../shared/jwt';
import type { ServerTruth } from '../../../shared/contract';
import type { TokenService } from './token-service';

/**
 * Where a token Tessera issued stands on the server: the verifier's verdict, its key's state,
 * its session and refresh families. Null for tokens of other issuers (nothing to say about them).
 */
export async function serverTruth(
  tokens: TokenService,
  issuer: string,
  token: string,
  header: JsonObject,
  payload: JsonObject,
): Promise<ServerTruth | null> {
  if (payload.iss !== issuer) return null;
  const result = await tokens.verify(token);
  const described = typeof payload.sid === 'string' ? tokens.describeSession(payload.sid) : null;
  const families = new Map<
    string,
    { generations: number; liveGeneration: number | null; revoked: boolean }
  >();
  for (const row of described?.family ?? []) {
    const entry = families.get(row.family_id) ?? {
      generations: 0,
      liveGeneration: null,
      revoked: false,
    };
    entry.generations = Math.max(entry.generations, row.generation);
    if (row.status === 'active') entry.liveGeneration = row.generation;
    if (row.status === 'revoked') entry.revoked = true;
    families.set(row.family_id, entry);
  }
  const session = described?.session;
  return {
    verification: result.ok
      ? { ok: true }
      : { ok: false, reason: result.reason, message: result.message },
    keyState: typeof header.kid === 'string' ? tokens.keyState(header.kid) : null,
    session: session
      ? {
          sid: session.sid,
          userId: session.user_id,
          clientId: session.client_id,
          status: session.status,
          createdMs: session.created_ms,
          lastSeenMs: session.last_seen_ms,
          idleDeadlineMs: session.idle_deadline_ms,
          absoluteDeadlineMs: session.absolute_deadline_ms,
          endedMs: session.ended_ms,
          endReason: session.end_reason,
          endedBy: session.ended_by,
          revoked: described.revoked,
        }
      : null,
    families: [...families].map(([familyId, entry]) => ({ familyId, ...entry })),
  };
}
