import { z } from 'zod';
import type { TokenService } from '../core/tokens/token-service';
import type { ClientAuthenticator } from './client-auth';
import { noStore, sendJson, type Endpoint } from './http-io';
import { readFormParams, validate } from './request-params';
import { tokenShape } from './token-shapes';

const introspectSchema = z.object({
  client_id: z.string().max(128).optional(),
  client_secret: z.string().max(512).optional(),
  // Longer than any token Tessera issues: a longer one is inactive rather than an error.
  token: z.string().max(65_536),
  token_type_hint: z.string().max(64).optional(),
});

const inactive = { active: false } as const;

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
  return async ({ request, response }) => {
    const params = await readFormParams(request);
    const input = validate(introspectSchema, params);
    const client = await deps.clients.authenticate(request, params, {
      allowPublic: false,
    });
    let body: Record<string, unknown> = inactive;
    const shape = tokenShape(input.token);
    if (shape === 'jwt') {
      const verified = await deps.tokens.verify(input.token);
      if (verified.ok) {
        const { claims } = verified;
        body = {
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
        };
      }
    } else if (shape === 'refresh') {
      const described = deps.tokens.describeRefreshToken(input.token);
      if (described && described.clientId === client.clientId) {
        body = {
          active: true,
          scope: described.scope,
          client_id: described.clientId,
          sub: described.sub,
          exp: described.exp,
          iat: described.iat,
          iss: deps.issuer,
          sid: described.sid,
        };
      }
    }
    sendJson(response, 200, body, noStore);
  };
}
