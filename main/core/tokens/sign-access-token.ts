import { sign } from 'node:crypto';
import { cryptoParams, encodeSegment } from './compact-jws';
import type { RingKey } from './key-ring';

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
}

/**
 * Signs an access token with `key` as a compact JWS with header `{ alg, typ: 'at+jwt', kid }`.
 * The caller chooses the key (normally the ring's active one); it must hold a private key.
 * The signature is computed on libuv's thread pool, so signing never holds the main loop (or a
 * transaction: callers sign after their commit).
 */
export async function signAccessToken(claims: AccessTokenClaims, key: RingKey): Promise<string> {
  if (!key.privateKey) {
    throw new Error(`The signing key ${JSON.stringify(key.kid)} has no private key.`);
  }
  const header = { alg: key.alg, typ: 'at+jwt', kid: key.kid };
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
  };
  const signingInput = `${encodeSegment(JSON.stringify(header))}.${encodeSegment(JSON.stringify(payload))}`;
  const { digest, key: signingKey } = cryptoParams(key.alg, key.privateKey);
  const signature = await new Promise<Buffer>((resolve, reject) =>
    sign(digest, Buffer.from(signingInput), signingKey, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  return `${signingInput}.${encodeSegment(signature)}`;
}
