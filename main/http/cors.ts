import type { IncomingMessage, ServerResponse } from 'node:http';
import { commonHeaders } from './http-io';

/**
 * CORS for browser apps: only the origins configured on public clients (`cors_origins`, exact
 * match), and only for what a single-page app needs (discovery, the JWKS, token and revocation).
 * No credentials mode: these endpoints use no cookies.
 */
export interface Cors {
  /** Adds Access-Control-Allow-Origin to the coming response when the Origin is allowed. */
  allow(request: IncomingMessage, response: ServerResponse): void;
  /** Answers a preflight: 204 with the grant for an allowed origin, 403 without it otherwise. */
  preflight(request: IncomingMessage, response: ServerResponse): void;
}

/** Builds the CORS policy over the live set of allowed origins. */
export function createCors(origins: () => ReadonlySet<string>): Cors {
  const allowed = (request: IncomingMessage): string | undefined => {
    const origin = request.headers.origin;
    return origin !== undefined && origins().has(origin) ? origin : undefined;
  };
  return {
    allow(request, response) {
      response.setHeader('Vary', 'Origin');
      const origin = allowed(request);
      if (origin !== undefined) response.setHeader('Access-Control-Allow-Origin', origin);
    },
    preflight(request, response) {
      const origin = allowed(request);
      const method = request.headers['access-control-request-method'];
      if (origin === undefined || method !== 'POST') {
        response.writeHead(403, { ...commonHeaders, Vary: 'Origin', 'Content-Length': 0 });
        response.end();
        return;
      }
      response.writeHead(204, {
        ...commonHeaders,
        Vary: 'Origin',
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      response.end();
    },
  };
}
