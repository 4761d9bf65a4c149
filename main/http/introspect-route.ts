import { z } from 'zod';
import type { TokenService } from '../core/tokens/token-service';
import type { ClientAuthenticator } from './client-auth';
import { noStore, sendJson, sendPrepared, type Endpoint } from './http-io';
import { createAccessTokenAnswers, inactiveAnswer } from './introspection-answers';
import { readFormParams, validate } from './request-params';
import { tokenShape } from './token-shapes';

const introspectSchema = z.object({
  client_id: z.string().max(128).optional(),
  client_secret: z.string().max(512).optional(),
  // Longer than any token Tessera issues: a longer one is inactive rather than an error.
  token: z.string().max(65_536),
  token_type_hint: z.string().max(64).optional(),
});

/**
 * POST /introspect (RFC 7662), for confidential clients (resource servers). Access tokens are
 * answered by the token service's one verifier (its cache and the in-memory revocation index)
 * and the caller from the in-memory client cache: no query per request. Refresh tokens are
 * looked up in the database and shown only to the client they were issued to. Every inactive
 * token (unknown, expired, revoked, other audience, malformed) gets exactly `{"active":false}`.
 */
export function introspectEndpoint(deps: {
  tokens: TokenService;
  clients: ClientAuthenticator;
  issuer: string;
}): Endpoint {
  const accessTokenAnswer = createAccessTokenAnswers();
  return async ({ request, response }) => {
    const params = await readFormParams(request);
    const input = validate(introspectSchema, params);
    const client = await deps.clients.authenticate(request, params, {
      allowPublic: false,
    });
    const shape = tokenShape(input.token);
    if (shape === 'jwt') {
      const verified = await deps.tokens.verify(input.token);
      return sendPrepared(
        response,
        200,
        verified.ok ? accessTokenAnswer(verified) : inactiveAnswer,
      );
    }
    const described = shape === 'refresh' ? deps.tokens.describeRefreshToken(input.token) : null;
    if (!described || described.clientId !== client.clientId) {
      return sendPrepared(response, 200, inactiveAnswer);
    }
    sendJson(
      response,
      200,
      {
        active: true,
        scope: described.scope,
        client_id: described.clientId,
        sub: described.sub,
        exp: described.exp,
        iat: described.iat,
        iss: deps.issuer,
        sid: described.sid,
      },
      noStore,
    );
  };
}
