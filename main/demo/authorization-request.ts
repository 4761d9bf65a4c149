import { createHash } from 'node:crypto';
import { randomToken } from '../core/tokens/random-token';

/**
 * An authorization request as a public or confidential client starts one: code flow, PKCE S256
 * with a fresh verifier, a random `state` (and `nonce`). Used by the demo's virtual users, the
 * browser specs' fixtures and the HTTP benchmark, which then log in with `logInAs`.
 */
export function authorizationRequest(
  issuer: string,
  client: { clientId: string; redirectUri: string; scope: string },
): { url: URL; verifier: string } {
  const verifier = randomToken(32);
  const url = new URL('/authorize', issuer);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: client.scope,
    state: randomToken(12),
    nonce: randomToken(12),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url, verifier };
}
