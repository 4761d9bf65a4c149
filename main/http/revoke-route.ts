import { z } from 'zod';
import type { TokenService } from '../core/tokens/token-service';
import type { ClientAuthenticator } from './client-auth';
import { commonHeaders, noStore, type Endpoint } from './http-io';
import { OAuthError } from './oauth-error';
import { readFormParams, validate } from './request-params';
import { tokenShape } from './token-shapes';

const revokeSchema = z.object({
  client_id: z.string().max(128).optional(),
  client_secret: z.string().max(512).optional(),
  token: z.string().max(8192),
  // RFC 7009 §2.1: only a hint; an unknown value is ignored, and never limits the search.
  token_type_hint: z.string().max(64).optional(),
});

const notYours = () =>
  new OAuthError('unauthorized_client', 'The token was not issued to this client.');

/**
 * POST /revoke (RFC 7009). The caller authenticates (a public client by its client_id). An
 * access token is revoked by its jti, at once; a refresh token ends its session, which revokes
 * the whole grant (its refresh family and every access token of the session). Unknown, expired
 * or already revoked tokens get 200, as §2.2 requires. A token issued to another client is
 * refused with `unauthorized_client` and left alone: §2.1 has the server verify that the token
 * was issued to the caller and, if not, refuse the request and inform the client.
 */
export function revokeEndpoint(deps: {
  tokens: TokenService;
  clients: ClientAuthenticator;
}): Endpoint {
  return async ({ request, response }) => {
    const params = await readFormParams(request);
    const input = validate(revokeSchema, params);
    const client = await deps.clients.authenticate(request, params, {
      allowPublic: true,
    });
    const by = `client:${client.clientId}`;
    const shape = tokenShape(input.token);
    if (shape === 'jwt') {
      const verified = await deps.tokens.verify(input.token);
      if (verified.ok) {
        if (verified.claims.client_id !== client.clientId) throw notYours();
        await deps.tokens.revokeAccessToken(verified.claims, by);
      }
    } else if (shape === 'refresh') {
      const outcome = await deps.tokens.revokeRefreshToken(input.token, client.clientId);
      if (outcome === 'wrong_client') throw notYours();
    }
    response.writeHead(200, { ...commonHeaders, ...noStore, 'Content-Length': 0 });
    response.end();
  };
}
