import type { RingKey } from './key-ring';
import { signJwt } from './sign-jwt';

/** The claims of a Tessera ID token (OpenID Connect Core §2). Times are epoch seconds. */
export interface IdTokenClaims {
  readonly iss: string;
  readonly sub: string;
  /** The client the token is for. */
  readonly aud: string;
  readonly exp: number;
  readonly iat: number;
  readonly auth_time: number;
  /** Echoed from the authorization request; absent when it had none. */
  readonly nonce?: string;
  /** The session, for back-channel logout (OpenID Connect Back-Channel Logout §2.1). */
  readonly sid: string;
  /** With the `profile` scope. */
  readonly name?: string;
  readonly preferred_username?: string;
}

/**
 * Signs an ID token with `key` as a compact JWS with header `{ alg, typ: 'JWT', kid }`: the
 * same keys as access tokens, but a different `typ`, so neither can pass for the other (the
 * access token verifier accepts only `at+jwt`). Signed on libuv's thread pool.
 */
export async function signIdToken(claims: IdTokenClaims, key: RingKey): Promise<string> {
  // Named one by one: an object carrying more than the type says cannot leak extra claims.
  const payload = {
    iss: claims.iss,
    sub: claims.sub,
    aud: claims.aud,
    exp: claims.exp,
    iat: claims.iat,
    auth_time: claims.auth_time,
    nonce: claims.nonce,
    sid: claims.sid,
    name: claims.name,
    preferred_username: claims.preferred_username,
  };
  return signJwt('JWT', payload, key);
}
