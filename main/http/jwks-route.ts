import type { TokenService } from '../core/tokens/token-service';
import { commonHeaders, type Endpoint } from './http-io';

/** Path of the published key set. */
export const jwksPath = '/jwks.json';

/**
 * GET/HEAD /jwks.json: the JWKS (next, active, and retired keys that still have unexpired
 * tokens). The router has already matched the path and the method.
 */
export function jwksEndpoint(tokens: TokenService): Endpoint {
  return async ({ request, response }) => {
    const body = JSON.stringify(tokens.keys.list().jwks);
    response.writeHead(200, {
      ...commonHeaders,
      'Content-Type': 'application/jwk-set+json',
      // Short: a revoked key must leave verifiers' caches soon (our own verifier drops it at once).
      'Cache-Control': 'max-age=60',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
