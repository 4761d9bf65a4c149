import type { Policy, SessionEndReason } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { PolicyRows } from '../policy/policy-rows';
import { checkFingerprint } from '../secrets/fingerprint';
import type { Vault } from '../secrets/vault';
import { endSessionInTransaction, verifyToleranceMs } from '../sessions/end-session';
import { sessionEnderOf } from '../sessions/end-sessions';
import { createSessionRows, type SessionRow } from '../sessions/session-rows';
import type { Store } from '../store/open-store';
import { TesseraError } from '../tessera-error';
import type { Effects } from '../events/effects';
import type { RecordedCommit } from '../events/recorded-commit';
import { createGraceReplays } from './grace-replays';
import { createKeyRing, type SigningAlg } from './key-ring';
import { createMetaRows } from '../store/meta-rows';
import { hashRefreshToken, newRefreshToken } from './refresh-secret';
import { createRefreshRows } from './refresh-rows';
import { randomToken } from './random-token';
import { createRevocationIndex } from './revocation-index';
import { createRevocationRows } from './revocation-rows';
import {
  refreshTimeLimit,
  rotateRefreshToken,
  type Refused,
  type Throttled,
} from './rotate-refresh-token';
import { signAccessToken, type AccessTokenClaims } from './sign-access-token';
import { signIdToken, type IdTokenClaims } from './sign-id-token';
import { createSigningKeyRows } from './signing-key-rows';
import { createSigningKeys } from './signing-keys';
import { createAccessTokenVerifier } from './verify-access-token';

/** Tokens handed to a client. */
export interface IssuedTokens {
  readonly accessToken: string;
  /** Null when the policy does not rotate refresh tokens (the client keeps its own). */
  readonly refreshToken: string | null;
  readonly expiresInSeconds: number;
  readonly scope: string;
  readonly sid: string;
}

/** Who logged in where, as the login flow established it. */
export interface LoginInput {
  readonly userId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly ip?: string;
  readonly userAgent?: string;
  /** When the user proved who they are (epoch seconds); now if absent. */
  readonly authTimeS?: number;
}

/** An ID token to sign for a session (OpenID Connect Core §2). */
export interface IdTokenInput {
  readonly sid: string;
  readonly userId: string;
  readonly clientId: string;
  readonly authTimeS: number;
  readonly nonce?: string;
  /** With the `profile` scope. */
  readonly profile?: { readonly name: string; readonly preferredUsername: string };
}

/** A refresh token as introspection describes it (RFC 7662 §2.2). Times in epoch seconds. */
export interface RefreshTokenDescription {
  readonly clientId: string;
  readonly sub: string;
  readonly sid: string;
  readonly scope: string;
  readonly iat: number;
  readonly exp: number;
}

/** What revoking a refresh token did (RFC 7009). */
export type RefreshRevocation = 'revoked' | 'unknown' | 'wrong_client';

/**
 * The sid of a client's own tokens (client_credentials): `client:<id>`. No session row has it
 * (session ids are base64url, without a colon), so ending or listing sessions never touches
 * such tokens; only revocation by jti does.
 */
export const clientTokenSid = (clientId: string): string => `client:${clientId}`;

/** What the token service needs. */
export interface TokenServiceOptions {
  readonly store: Store;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly commits: RecordedCommit;
  /** The one policy table reader of this database (it caches the policy in force). */
  readonly policies: PolicyRows;
  readonly issuer: string;
  readonly audience: string;
}

const fingerprintKey = 'master_key_fingerprint';
const randomId = (): string => randomToken(16);

/**
 * The embedded token service: sessions, access tokens, refresh rotation with reuse detection,
 * instant revocation and signing keys. Writes go through group commit (one durable transaction
 * per burst); verification never touches the database.
 */
export function createTokenService(options: TokenServiceOptions) {
  const { store, vault, clock, commits } = options;
  const { db } = store;
  const sessions = createSessionRows(db);
  const refresh = createRefreshRows(db);
  const revocations = createRevocationRows(db);
  const keyRows = createSigningKeyRows(db);
  const { policies } = options;
  const meta = createMetaRows(db);
  const grace = createGraceReplays();
  const ring = createKeyRing();
  const index = createRevocationIndex();
  const keys = createSigningKeys({ rows: keyRows, sealer: vault, ring, clock });
  const verifier = createAccessTokenVerifier({
    keys: ring,
    revocations: index,
    clock,
    issuer: options.issuer,
    audience: options.audience,
  });
  const tables = { sessions, refresh, revocations, grace, ender: sessionEnderOf(db) };
  const policy = (): Policy => policies.current().policy;

  /** Why issuing is refused, or null: a failed integrity check or unusable keys fail closed. */
  let unavailable: string | null = store.health.ok
    ? null
    : `The database failed its integrity check (${store.health.detail}); Tessera will not issue tokens until it is restored from a backup.`;

  if (!unavailable) {
    try {
      const stored = meta.get(fingerprintKey);
      checkFingerprint(vault, stored);
      db.transaction(() => {
        if (stored === null) meta.set(fingerprintKey, vault.fingerprint);
        keys.ensure(policy().signingAlg);
      }).immediate();
      keys.reload();
    } catch (error) {
      if (!(error instanceof TesseraError)) throw error;
      unavailable = error.message;
    }
  }
  index.load(revocations.unexpired(clock.nowMs()));

  const guard = (): void => {
    if (unavailable) throw new TesseraError('ERR_TOKENS_UNAVAILABLE', unavailable);
  };

  /** Runs `work` in the next group commit; once durable, the revocation index learns of it. */
  const commit = async <T>(work: (effects: Effects) => T): Promise<T> => {
    const { value, effects } = await commits.run(work);
    for (const r of effects.revocations) index.add(r.kind, r.subject, r.expiresMs);
    return value;
  };

  /**
   * In the transaction: the active key and the times (iat, exp) of a token it signs now for
   * `lifetimeSeconds`, the token counted against the key. Shared by access and ID tokens.
   */
  const issueWithActiveKey = (nowMs: number, lifetimeSeconds: number) => {
    const key = ring.active();
    if (!key) throw new TesseraError('ERR_TOKENS_UNAVAILABLE', 'There is no active signing key.');
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + lifetimeSeconds;
    keyRows.recordIssued(key.kid, exp * 1000);
    return { key, iat, exp };
  };

  /**
   * In the transaction: the claims of the session's next access token and its signing key,
   * counted against the key. The signature itself is made after the commit (see `signed`).
   */
  const prepareAccessToken = (
    session: Pick<SessionRow, 'sid' | 'user_id' | 'client_id' | 'auth_time_s'>,
    scope: string,
    nowMs: number,
    current: Policy,
  ) => {
    const { key, iat, exp } = issueWithActiveKey(nowMs, current.accessTokenSeconds);
    return {
      key,
      expiresInSeconds: current.accessTokenSeconds,
      claims: {
        iss: options.issuer,
        sub: session.user_id,
        aud: options.audience,
        exp,
        iat,
        jti: randomId(),
        client_id: session.client_id,
        sid: session.sid,
        scope,
        auth_time: session.auth_time_s,
        tessera_demo: clock.simulation ? (true as const) : undefined,
      },
    };
  };

  /** After the commit: signs the prepared token off the main loop and hands the tokens out. */
  const signed = async (
    prepared: ReturnType<typeof prepareAccessToken>,
    rest: { refreshToken: string | null; scope: string; sid: string },
  ): Promise<IssuedTokens> => ({
    ...rest,
    accessToken: await signAccessToken(prepared.claims, prepared.key),
    expiresInSeconds: prepared.expiresInSeconds,
  });

  const keyChange = async (change: (effects: Effects) => void): Promise<void> => {
    guard();
    await commit(change);
    keys.reload();
  };

  return {
    /** Null when tokens can be issued; otherwise the sentence explaining why not. */
    unavailableReason: (): string | null => unavailable,

    /** Starts a session for an authenticated user: its first access and refresh tokens. */
    async login(input: LoginInput): Promise<IssuedTokens> {
      guard();
      const issued = await commit((effects) => {
        const nowMs = clock.nowMs();
        const current = policy();
        const session: SessionRow = {
          sid: randomId(),
          user_id: input.userId,
          client_id: input.clientId,
          created_ms: nowMs,
          last_seen_ms: nowMs,
          auth_time_s: Math.min(input.authTimeS ?? Infinity, Math.floor(nowMs / 1000)),
          ip: input.ip ?? '',
          user_agent: input.userAgent ?? '',
          idle_deadline_ms: nowMs + current.sessionIdleSeconds * 1000,
          absolute_deadline_ms: nowMs + current.sessionMaxSeconds * 1000,
          status: 'active',
          ended_ms: null,
          end_reason: null,
          ended_by: null,
        };
        sessions.insert(session);
        const familyId = randomId();
        const refreshToken = newRefreshToken();
        const absolute = Math.min(
          nowMs + current.refreshAbsoluteSeconds * 1000,
          session.absolute_deadline_ms,
        );
        refresh.insert({
          token_hash: hashRefreshToken(refreshToken),
          family_id: familyId,
          sid: session.sid,
          client_id: input.clientId,
          generation: 1,
          parent_hash: null,
          issued_ms: nowMs,
          idle_expires_ms: Math.min(nowMs + current.refreshIdleSeconds * 1000, absolute),
          absolute_expires_ms: absolute,
          scope: input.scope,
        });
        effects.emit('session.created', {
          sid: session.sid,
          userId: input.userId,
          clientId: input.clientId,
          familyId,
        });
        const prepared = prepareAccessToken(session, input.scope, nowMs, current);
        return { prepared, rest: { refreshToken, scope: input.scope, sid: session.sid } };
      });
      return signed(issued.prepared, issued.rest);
    },

    /** Exchanges a refresh token (RFC 6749 §6) with rotation and reuse detection. */
    async refresh(input: {
      refreshToken: string;
      clientId: string;
      /** Per-session rate limit: see `rotateRefreshToken`. */
      admit?: (sid: string) => number | null;
    }): Promise<IssuedTokens | Refused | Throttled> {
      guard();
      const outcome = await commit((effects) => {
        const nowMs = clock.nowMs();
        const current = policy();
        const rotated = rotateRefreshToken(
          tables,
          {
            token: input.refreshToken,
            clientId: input.clientId,
            nowMs,
            policy: current,
            admit: input.admit,
          },
          effects,
        );
        if (!rotated.ok) return rotated;
        return {
          ok: true as const,
          prepared: prepareAccessToken(rotated.session, rotated.scope, nowMs, current),
          rest: {
            refreshToken: rotated.refreshToken,
            scope: rotated.scope,
            sid: rotated.session.sid,
          },
        };
      });
      return outcome.ok ? signed(outcome.prepared, outcome.rest) : outcome;
    },

    /**
     * An access token for a client itself (client_credentials, RFC 6749 §4.4): sub is the client
     * id, sid is {@link clientTokenSid}, and there is neither a session nor a refresh token.
     */
    async issueClientToken(input: { clientId: string; scope: string }): Promise<IssuedTokens> {
      guard();
      const sid = clientTokenSid(input.clientId);
      const prepared = await commit(() => {
        const nowMs = clock.nowMs();
        const holder = {
          sid,
          user_id: input.clientId,
          client_id: input.clientId,
          auth_time_s: Math.floor(nowMs / 1000),
        };
        return prepareAccessToken(holder, input.scope, nowMs, policy());
      });
      return signed(prepared, { refreshToken: null, scope: input.scope, sid });
    },

    /** Signs an ID token for a session's client with the active key (typ JWT). */
    async issueIdToken(input: IdTokenInput): Promise<string> {
      guard();
      const prepared = await commit(() => {
        const { key, iat, exp } = issueWithActiveKey(clock.nowMs(), policy().accessTokenSeconds);
        const claims: IdTokenClaims = {
          iss: options.issuer,
          sub: input.userId,
          aud: input.clientId,
          exp,
          iat,
          auth_time: input.authTimeS,
          nonce: input.nonce,
          sid: input.sid,
          name: input.profile?.name,
          preferred_username: input.profile?.preferredUsername,
        };
        return { key, claims };
      });
      return signIdToken(prepared.claims, prepared.key);
    },

    /**
     * RFC 7009 for a refresh token: ends its session (reason `revoked`), which revokes the whole
     * grant at once: every refresh token of the family and every access token of the session.
     * A token issued to another client is left alone and reported as such.
     */
    revokeRefreshToken(token: string, clientId: string): Promise<RefreshRevocation> {
      return commit((effects): RefreshRevocation => {
        const row = refresh.byHash(hashRefreshToken(token));
        if (!row) return 'unknown';
        if (row.client_id !== clientId) return 'wrong_client';
        endSessionInTransaction(
          tables,
          {
            sid: row.sid,
            reason: 'revoked',
            by: `client:${clientId}`,
            nowMs: clock.nowMs(),
            policy: policy(),
          },
          effects,
        );
        return 'revoked';
      });
    },

    /**
     * RFC 7009 for an access token (already verified by the caller): revokes exactly this token
     * by its jti; once this resolves the verifier refuses it, cache hit or not.
     */
    revokeAccessToken(claims: AccessTokenClaims, by: string): Promise<void> {
      return commit((effects) => {
        const expiresMs = claims.exp * 1000 + verifyToleranceMs;
        revocations.insert({
          kind: 'jti',
          subject: claims.jti,
          expires_ms: expiresMs,
          revokedMs: clock.nowMs(),
          reason: 'revoked',
          revokedBy: by,
        });
        effects.revoke('jti', claims.jti, expiresMs);
        effects.emit('token.revoked', {
          sid: claims.sid,
          clientId: claims.client_id,
          jti: claims.jti,
          by,
        });
      });
    },

    /**
     * A refresh token that could be exchanged now, described for introspection; null for any
     * other (unknown, used, revoked, expired, or its session over). Reads the database.
     */
    describeRefreshToken(token: string): RefreshTokenDescription | null {
      const row = refresh.byHash(hashRefreshToken(token));
      const nowMs = clock.nowMs();
      if (!row || row.status !== 'active') return null;
      const session = sessions.get(row.sid);
      if (
        !session ||
        session.status !== 'active' ||
        refreshTimeLimit(row, session, nowMs) !== null ||
        index.isRevoked({ sid: row.sid, familyId: row.family_id })
      ) {
        return null;
      }
      return {
        clientId: row.client_id,
        sub: session.user_id,
        sid: row.sid,
        scope: row.scope,
        iat: Math.floor(row.issued_ms / 1000),
        exp: Math.floor(Math.min(row.idle_expires_ms, row.absolute_expires_ms) / 1000),
      };
    },

    /** Ends a session now: its refresh tokens die and its access tokens stop verifying at once. */
    endSession(sid: string, reason: SessionEndReason, by: string): Promise<boolean> {
      return commit((effects) =>
        endSessionInTransaction(
          tables,
          { sid, reason, by, nowMs: clock.nowMs(), policy: policy() },
          effects,
        ),
      );
    },

    /**
     * Runs `work` in the next group commit and, once durable, adds its revocations to the index:
     * for session operations outside the service (revoker, sweeper, retention).
     */
    commit,

    /** The one verification every consumer uses. */
    verify: (token: string) => verifier.verify(token),

    /** A session and its refresh family, for the inspector's server truth; null if unknown. */
    describeSession(sid: string) {
      const session = sessions.get(sid);
      if (!session) return null;
      return { session, family: refresh.bySession(sid), revoked: index.isRevoked({ sid }) };
    },

    /** The key new tokens are signed with (logout tokens too). */
    activeSigningKey: () => ring.active(),

    /** The state of one of our keys, or null if the kid is not ours. */
    keyState: (kid: string) => ring.get(kid)?.state ?? null,

    keys: {
      list: () => keys.list(),
      rotate: (alg: SigningAlg | undefined, by: string) =>
        keyChange((effects) => keys.rotate(alg ?? policy().signingAlg, by, effects)),
      retire: (kid: string, by: string) =>
        keyChange((effects) => keys.retire(kid, policy().signingAlg, by, effects)),
      revoke: (kid: string, by: string) =>
        keyChange((effects) => keys.revoke(kid, policy().signingAlg, by, effects)),
      /** Rotates when the active key is older than the policy's period; true if it did. */
      async rotateIfDue(): Promise<boolean> {
        const current = policy();
        if (unavailable || !keys.rotationDue(current.keyRotationSeconds)) return false;
        await keyChange((effects) => keys.rotate(current.signingAlg, 'system', effects));
        return true;
      },
    },

    /** Counts for the status bar. */
    revocationsHeld: () => index.size(),

    /** Periodic upkeep: scheduled key rotation, and forgetting revocations that can no longer matter. */
    async housekeeping(): Promise<void> {
      index.prune(clock.nowMs());
      grace.prune(clock.nowMs());
      await this.keys.rotateIfDue();
    },
  };
}

/** The token service. */
export type TokenService = ReturnType<typeof createTokenService>;
