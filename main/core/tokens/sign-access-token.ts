import type { RingKey } from './key-ring';
import { signJwt } from './sign-jwt';

/** The claims of a Tessera access token (RFC 9068). Times are epoch seconds. */
export interface AccessTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly client_id: string;
  readonly sid: string;
  /** Space-separated scopes; '' when none were granted. */
  readonly scope: string;
  readonly auth_time: number;
  /** Issued under the demo's simulated clock: its times are not real ones. */
  readonly tessera_demo?: true;
}

/**
 * Signs an access token with `key` as a compact JWS with header `{ alg, typ: 'at+jwt', kid }`.
 * The caller chooses the key (normally the ring's active one); it must hold a private key.
 * The signature is computed on libuv's thread pool, so signing never holds the main loop (or a
 * transaction: callers sign after their commit).
 */
export async function signAccessToken(claims: AccessTokenClaims, key: RingKey): Promise<string> {
  // Named one by one, so an object carrying more than the type says cannot leak extra claims
  // into a token, and every token lists its claims in the same order.
  const payload = {
    iss: claims.iss,
    sub: claims.sub,
    aud: claims.aud,
    exp: claims.exp,
    iat: claims.iat,
    jti: claims.jti,
    client_id: claims.client_id,
    sid: claims.sid,
    scope: claims.scope,
    auth_time: claims.auth_time,
    tessera_demo: claims.tessera_demo,
  };
  return signJwt('at+jwt', payload, key);
}
