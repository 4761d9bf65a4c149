import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorLog } from '../core/dispatch';
import type { OAuthServices } from '../core/oauth/oauth-services';
import type { TokenService } from '../core/tokens/token-service';
import { realWaitsClock } from '../core/clock';
import { TesseraError } from '../core/tessera-error';
import { loopbackOrigin } from '../host/loopback-origin';
import { authorizeEndpoint, loginEndpoint } from './authorize-route';
import { createAuthorizationStore } from './authorization-store';
import { createClientAuthenticator } from './client-auth';
import { createCors } from './cors';
import { discoveryEndpoint } from './discovery-route';
import { endpointPaths } from './endpoints';
import { sendJson, sendOAuthError, type Endpoint } from './http-io';
import { introspectEndpoint } from './introspect-route';
import type { Routes } from './issuer-server';
import { jwksEndpoint } from './jwks-route';
import { OAuthError } from './oauth-error';
import { createRefreshLimiter } from './rate-limiter';
import { revokeEndpoint } from './revoke-route';
import { syncLoginsEndpoint } from './sync-route';
import { tokenEndpoint } from './token-route';

/** What the OAuth/OIDC endpoints are built on. */
export interface OAuthRoutesOptions {
  /** The issuer URL, `http://127.0.0.1:<port>`, as the issuer server reports it. */
  readonly issuer: string;
  readonly tokens: TokenService;
  /** Clients, users, login reports. */
  readonly oauth: OAuthServices;
  /** Where unexpected failures go; their details never reach a client. */
  readonly logError: ErrorLog;
}

/** One path: its handler per method, and whether browser apps may call it (CORS). */
interface Route {
  readonly methods: Readonly<Record<string, Endpoint>>;
  readonly cors: boolean;
}

/**
 * Every endpoint of the token service, ready for {@link IssuerServer.attach}: discovery, JWKS,
 * authorize and its login form, token, revoke, introspect and the inbound login reports.
 * In front of all of them: the Host check (only `127.0.0.1:<port>` and `localhost:<port>`, else
 * 421, which defeats DNS rebinding), CORS for configured public-client origins, and an error
 * boundary that answers in the OAuth error form and never shows internals.
 */
export function createOAuthRoutes(options: OAuthRoutesOptions): Routes {
  const { issuer, tokens, logError } = options;
  const { oauth } = options;
  const nowMs = () => oauth.clock.nowMs();
  const origin = loopbackOrigin(Number(new URL(issuer).port));
  const store = createAuthorizationStore(realWaitsClock(oauth.clock));
  const cors = createCors(() => oauth.directory.corsOrigins());
  const limiter = createRefreshLimiter({
    policy: oauth.policy,
    nowMs,
    onLimited: (payload) => {
      oauth.recordRateLimited(payload).catch((error: unknown) => {
        logError('could not record refresh.rate_limited', error);
      });
    },
  });
  const clients = createClientAuthenticator(oauth.directory);
  const jwks = jwksEndpoint(tokens);
  const discovery = discoveryEndpoint(issuer, oauth.directory);
  const authorizeDeps = { issuer, directory: oauth.directory, store, origin, nowMs };

  const routes = new Map<string, Route>([
    [
      endpointPaths.openidConfiguration,
      { methods: { GET: discovery, HEAD: discovery }, cors: true },
    ],
    [
      endpointPaths.authorizationServerMetadata,
      { methods: { GET: discovery, HEAD: discovery }, cors: true },
    ],
    [endpointPaths.jwks, { methods: { GET: jwks, HEAD: jwks }, cors: true }],
    [endpointPaths.authorize, { methods: { GET: authorizeEndpoint(authorizeDeps) }, cors: false }],
    [endpointPaths.login, { methods: { POST: loginEndpoint(authorizeDeps) }, cors: false }],
    [
      endpointPaths.token,
      { methods: { POST: tokenEndpoint({ tokens, clients, store, limiter }) }, cors: true },
    ],
    [endpointPaths.revoke, { methods: { POST: revokeEndpoint({ tokens, clients }) }, cors: true }],
    [
      endpointPaths.introspect,
      { methods: { POST: introspectEndpoint({ tokens, clients, issuer }) }, cors: false },
    ],
    [
      endpointPaths.syncLogins,
      { methods: { POST: syncLoginsEndpoint({ oauth, clients }) }, cors: false },
    ],
  ]);

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (!origin.allowsHost(request.headers.host)) {
      sendJson(
        response,
        421,
        {
          error: 'invalid_request',
          error_description: `Misdirected request: use ${issuer} (or localhost on the same port).`,
        },
        { Connection: 'close' },
      );
      return true;
    }
    const target = routes.get(routePath(request.url ?? '/'));
    if (!target) return false;
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS' && target.cors) {
      cors.preflight(request, response);
      return true;
    }
    const endpoint = Object.hasOwn(target.methods, method) ? target.methods[method] : undefined;
    if (!endpoint) {
      const allow = Object.keys(target.methods).join(', ');
      sendJson(
        response,
        405,
        { error: 'invalid_request', error_description: `Use ${allow} here.` },
        { Allow: allow },
      );
      return true;
    }
    if (target.cors) cors.allow(request, response);
    await endpoint({ request, response });
    return true;
  };

  /**
   * The path a request target routes by. A target that is exactly a route's path (what clients
   * send to every endpoint but /authorize) is taken as is: parsing a URL took ~2 % of an
   * introspection's CPU time. Anything else (a query, dot segments, percent
   * escapes, absolute form) goes through the WHATWG URL parser as before.
   */
  const routePath = (target: string): string =>
    routes.has(target) ? target : new URL(target, issuer).pathname;

  // Never rejects: the listener does not await its routes, and a rejection would end the process.
  return async (request, response) => {
    try {
      return await route(request, response);
    } catch (error) {
      answerFailure(response, error, logError);
      return true;
    }
  };
}

/** Answers what an endpoint threw: its OAuth error, or a generic one with the details logged. */
function answerFailure(response: ServerResponse, error: unknown, logError: ErrorLog): void {
  if (response.headersSent) {
    // Nothing can be said any more; the details are in the log.
    logError('an OAuth endpoint failed after answering', error);
    response.destroy();
    return;
  }
  if (error instanceof OAuthError) return sendOAuthError(response, error);
  if (error instanceof TesseraError && error.code === 'ERR_TOKENS_UNAVAILABLE') {
    return sendOAuthError(response, new OAuthError('temporarily_unavailable', error.message, 503));
  }
  logError('an OAuth endpoint failed', error);
  sendOAuthError(
    response,
    new OAuthError('server_error', 'Something went wrong inside Tessera; see its log.', 500),
  );
}
