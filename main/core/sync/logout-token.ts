import { randomBytes } from 'node:crypto';
import type { RingKey } from '../tokens/key-ring';
import { signJwt } from '../tokens/sign-jwt';

/** The member of `events` that makes a JWT a logout token (Back-Channel Logout 1.0 §2.4). */
export const backchannelLogoutEvent = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * How long a logout token is valid. The spec recommends at most two minutes: a token caught in
 * transit is then useless soon after, and every attempt signs a fresh one anyway.
 */
export const logoutTokenLifetimeSeconds = 120;

/** What one logout token says. */
export interface LogoutTokenInput {
  readonly issuer: string;
  /** The relying party's client_id: the token's audience. */
  readonly clientId: string;
  /** The user, as `sub` of the tokens that relying party received. */
  readonly sub: string;
  readonly sid: string;
  /** Normally the ring's active key; it must hold a private key. */
  readonly key: RingKey;
  readonly nowMs: number;
}

/**
 * Signs a logout token: a compact JWS with header `{ alg, typ: 'logout+jwt', kid }` (the explicit
 * type keeps it from being mistaken for an ID token or access token, spec §4.1) and the claims
 * iss, aud, iat, exp, jti, sid, sub and events. It has no nonce: the spec prohibits one, so a
 * logout token can never pass as an ID token in an authentication response. The jti is random
 * and new on every call, so each delivery attempt carries its own token. The signature is
 * computed on libuv's thread pool, as for access tokens, so signing never holds the main loop.
 */
export async function signLogoutToken(input: LogoutTokenInput): Promise<string> {
  const { key } = input;
  const iat = Math.floor(input.nowMs / 1000);
  const payload = {
    iss: input.issuer,
    aud: input.clientId,
    iat,
    exp: iat + logoutTokenLifetimeSeconds,
    jti: randomBytes(16).toString('base64url'),
    sid: input.sid,
    sub: input.sub,
    events: { [backchannelLogoutEvent]: {} },
  };
  return signJwt('logout+jwt', payload, key);
}
