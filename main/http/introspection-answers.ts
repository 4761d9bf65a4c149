import type { AccessTokenClaims } from '../core/tokens/sign-access-token';
import { noStore, prepareJson, type PreparedJson } from './http-io';

/** RFC 7662 §2.2: the one answer for every inactive token, whatever made it so. */
export const inactiveAnswer = prepareJson({ active: false }, noStore);

/**
 * The introspection answers of verified access tokens, each serialized once. Every cache hit of
 * the verifier hands out the same frozen claims object for a token, so an answer keyed by it
 * lives as long as the verifier remembers the token and no longer. It is only ever sent after
 * the request's own verification has passed, which checks expiry and revocation every time.
 */
export function createAccessTokenAnswers(): (claims: AccessTokenClaims) => PreparedJson {
  const answers = new WeakMap<AccessTokenClaims, PreparedJson>();
  return (claims) => {
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
      answers.set(claims, answer);
    }
    return answer;
  };
}
