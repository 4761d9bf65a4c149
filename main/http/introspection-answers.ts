import type { AccessTokenClaims } from '../core/tokens/sign-access-token';
import type { VerifyResult } from '../core/tokens/verify-access-token';
import { noStore, prepareJson, type PreparedJson } from './http-io';

/** A verification that passed. */
type VerifiedAccess = Extract<VerifyResult, { ok: true }>;

/** RFC 7662 §2.2: the one answer for every inactive token, whatever made it so. */
export const inactiveAnswer = prepareJson({ active: false }, noStore);

/**
 * The introspection answers of verified access tokens, each serialized once. Every cache hit of
 * the verifier hands out the same frozen claims object for a token, so an answer keyed by it
 * lives as long as the verifier remembers the token and no longer. It is only ever sent after
 * the request's own verification has passed, which checks expiry and revocation every time.
 * Only tokens introspected again (a verifier cache hit) keep theirs: most tokens are introspected
 * once, and an answer kept for each would double what the verifier's cache holds per token.
 */
export function createAccessTokenAnswers(): (verified: VerifiedAccess) => PreparedJson {
  const answers = new WeakMap<AccessTokenClaims, PreparedJson>();
  return ({ claims, cached }) => {
    let answer = answers.get(claims);
    if (answer === undefined) {
      answer = prepareJson(
        {
          active: true,
          scope: claims.scope,
          client_id: claims.client_id,
          sub: claims.sub,
          exp: claims.exp,
          iat: claims.iat,
          iss: claims.iss,
          aud: claims.aud,
          jti: claims.jti,
          sid: claims.sid,
          token_type: 'Bearer',
        },
        noStore,
      );
      if (cached) answers.set(claims, answer);
    }
    return answer;
  };
}
