import type { TokenService } from '../core/tokens/token-service';
import type { Routes } from './issuer-server';

/** Path of the published key set. */
export const jwksPath = '/jwks.json';

/** Serves the JWKS (next, active, and retired keys that still have unexpired tokens). */
export function jwksRoute(tokens: TokenService): Routes {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== jwksPath || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    const body = JSON.stringify(tokens.keys.list().jwks);
    response.writeHead(200, {
      'Content-Type': 'application/jwk-set+json',
      // Short: a revoked key must leave verifiers' caches soon (our own verifier drops it at once).
      'Cache-Control': 'max-age=60',
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
