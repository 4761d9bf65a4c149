import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { ClientRecord, Directory } from '../core/oauth/directory';
import type { LoopbackOrigin } from '../host/loopback-origin';
import { pendingLoginMs, type AuthorizationStore, type PendingLogin } from './authorization-store';
import { commonHeaders, noStore, type Endpoint, type Exchange } from './http-io';
import { sendErrorPage, sendLoginPage } from './login-page';
import { OAuthError, describeForClient } from './oauth-error';
import { paramsFrom, readFormParams, validate } from './request-params';
import { grantableScope } from './scopes';

/** What the authorization endpoint and its login form need. */
export interface AuthorizeDeps {
  readonly issuer: string;
  readonly directory: Directory;
  readonly store: AuthorizationStore;
  /** Tessera's own origins: the only ones the login form may be posted from. */
  readonly origin: LoopbackOrigin;
  readonly nowMs: () => number;
}

/** Wrong passwords allowed on one login page before the request is given up. */
const maxLoginFailures = 5;
const cookiePrefix = 'tessera_login_';

/** The parameters checked once client and redirect URI are known good (errors go back to the app). */
const authorizeSchema = z.object({
  response_type: z.string().max(64).optional(),
  response_mode: z.string().max(32).optional(),
  scope: z.string().max(1024).optional(),
  state: z.string().max(2048).optional(),
  nonce: z.string().max(512).optional(),
  code_challenge: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, {
      message: 'must be the 43-character base64url SHA-256 of the code verifier (S256)',
    })
    .optional(),
  code_challenge_method: z.string().max(16).optional(),
  prompt: z.string().max(64).optional(),
  request: z.string().optional(),
  request_uri: z.string().optional(),
});

const loginSchema = z.object({
  request_id: z.string().max(64),
  csrf: z.string().max(64),
  username: z.string().max(128),
  password: z.string().max(1024),
});

/**
 * GET /authorize: the authorization code flow with PKCE (S256 only). The client and the redirect
 * URI are checked first; until both are known good, errors are shown on a page and the browser
 * goes nowhere. After that, errors go back to the app per RFC 6749 §4.1.2.1, with its state and
 * Tessera's `iss` (RFC 9207).
 */
export function authorizeEndpoint(deps: AuthorizeDeps): Endpoint {
  return async ({ request, response }) => {
    const search = new URL(request.url ?? '/', deps.issuer).searchParams;
    for (const name of ['client_id', 'redirect_uri']) {
      if (search.getAll(name).length > 1) {
        return sendErrorPage(response, 400, `The request gives ${name} more than once.`);
      }
    }
    const clientId = search.get('client_id') ?? '';
    const redirectUri = search.get('redirect_uri') ?? '';
    const client = clientId === '' ? undefined : deps.directory.client(clientId);
    if (!client) {
      return sendErrorPage(
        response,
        400,
        clientId === ''
          ? 'The request names no client (client_id).'
          : 'The app is not known to Tessera.',
      );
    }
    // Byte for byte with a registered URI: no normalisation, no prefix or pattern match.
    if (!client.redirectUris.includes(redirectUri)) {
      return sendErrorPage(
        response,
        400,
        redirectUri === ''
          ? 'The request has no redirect_uri.'
          : 'The redirect_uri is not one registered for this app.',
      );
    }
    const state =
      search.getAll('state').length === 1 ? (search.get('state') ?? undefined) : undefined;
    const back = (error: OAuthError) =>
      redirectTo(response, redirectUri, {
        error: error.error,
        error_description: describeForClient(error.description),
        state: state || undefined,
        iss: deps.issuer,
      });
    try {
      const login = checkRequest(client, redirectUri, search, deps);
      sendLoginPage(
        response,
        {
          requestId: login.id,
          csrf: login.csrf,
          clientName: client.name,
          scope: login.scope,
          redirectUri,
        },
        200,
        { 'Set-Cookie': loginCookie(login.id, login.csrf, pendingLoginMs / 1000) },
      );
    } catch (error) {
      if (error instanceof OAuthError) return back(error);
      throw error;
    }
  };
}

/** Validates the rest of the request and starts a pending login; throws what goes back to the app. */
function checkRequest(
  client: ClientRecord,
  redirectUri: string,
  search: URLSearchParams,
  deps: AuthorizeDeps,
): PendingLogin {
  const params = validate(authorizeSchema, paramsFrom(search));
  if (params.request !== undefined) {
    throw new OAuthError('request_not_supported', 'Request objects are not supported.');
  }
  if (params.request_uri !== undefined) {
    throw new OAuthError('request_uri_not_supported', 'request_uri is not supported.');
  }
  if (params.response_type === undefined) {
    throw new OAuthError('invalid_request', 'response_type: is required.');
  }
  if (params.response_type !== 'code') {
    throw new OAuthError(
      'unsupported_response_type',
      'response_type: only code (the authorization code flow) is supported.',
    );
  }
  if (params.response_mode !== undefined && params.response_mode !== 'query') {
    throw new OAuthError('invalid_request', 'response_mode: only query is supported.');
  }
  if (!client.grantTypes.has('authorization_code')) {
    throw new OAuthError(
      'unauthorized_client',
      'This client is not allowed the authorization_code grant.',
    );
  }
  if (params.code_challenge === undefined) {
    throw new OAuthError('invalid_request', 'code_challenge: is required (PKCE with S256).');
  }
  if (params.code_challenge_method !== 'S256') {
    throw new OAuthError(
      'invalid_request',
      params.code_challenge_method === undefined || params.code_challenge_method === 'plain'
        ? 'code_challenge_method: must be S256; plain is not supported.'
        : 'code_challenge_method: must be S256.',
    );
  }
  const scope = grantableScope(client, params.scope);
  if (params.prompt?.split(' ').includes('none')) {
    // No single sign-on session lives here: every authorization needs the login page.
    throw new OAuthError(
      'login_required',
      'The user must log in (prompt=none cannot be honoured).',
    );
  }
  return deps.store.addPendingLogin({
    clientId: client.clientId,
    redirectUri,
    state: params.state,
    scope,
    nonce: params.nonce,
    codeChallenge: params.code_challenge,
  });
}

/**
 * POST /authorize/login: the login form. Checked before the password: the form came from
 * Tessera's own origin, its pending request is live, and its anti-CSRF value matches both the
 * one stored with the request and the one in this browser's cookie. A wrong password shows the
 * form again; too many give the app `access_denied`. Success sends the browser back to the app
 * with a code.
 */
export function loginEndpoint(deps: AuthorizeDeps): Endpoint {
  return async ({ request, response }: Exchange) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !deps.origin.allowsOrigin(origin)) {
      return sendErrorPage(response, 403, 'The login form was posted from another site.');
    }
    let form: z.output<typeof loginSchema>;
    try {
      form = validate(loginSchema, await readFormParams(request));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return sendErrorPage(response, error.status, error.description, error.headers);
    }
    const login = deps.store.pendingLogin(form.request_id);
    if (!login) {
      return sendErrorPage(
        response,
        400,
        'This login request has expired or is unknown (a restart of Tessera voids pending logins).',
      );
    }
    const cookie = readCookie(request, cookiePrefix + login.id);
    if (
      !sameSecret(form.csrf, login.csrf) ||
      cookie === undefined ||
      !sameSecret(cookie, login.csrf)
    ) {
      deps.store.endPendingLogin(login.id);
      return sendErrorPage(response, 403, 'The login form failed its anti-forgery check.', {
        'Set-Cookie': loginCookie(login.id, '', 0),
      });
    }
    const client = deps.directory.client(login.clientId);
    if (!client || !client.redirectUris.includes(login.redirectUri)) {
      deps.store.endPendingLogin(login.id);
      return sendErrorPage(response, 400, 'The app has been changed or removed since.');
    }
    const user = await deps.directory.authenticateUser(form.username, form.password);
    if (!user) {
      login.failures += 1;
      if (login.failures >= maxLoginFailures) {
        deps.store.endPendingLogin(login.id);
        return redirectTo(
          response,
          login.redirectUri,
          {
            error: 'access_denied',
            error_description: 'Too many failed login attempts.',
            state: login.state,
            iss: deps.issuer,
          },
          loginCookie(login.id, '', 0),
        );
      }
      return sendLoginPage(
        response,
        {
          requestId: login.id,
          csrf: login.csrf,
          clientName: client.name,
          scope: login.scope,
          redirectUri: login.redirectUri,
          username: form.username,
          error: 'Wrong username or password.',
        },
        400,
      );
    }
    deps.store.endPendingLogin(login.id);
    const code = deps.store.issueCode({
      clientId: login.clientId,
      redirectUri: login.redirectUri,
      codeChallenge: login.codeChallenge,
      scope: login.scope,
      nonce: login.nonce,
      userId: user.userId,
      username: user.username,
      displayName: user.displayName,
      authTimeS: Math.floor(deps.nowMs() / 1000),
      ip: request.socket.remoteAddress ?? '',
      userAgent: (request.headers['user-agent'] ?? '').slice(0, 512),
    });
    redirectTo(
      response,
      login.redirectUri,
      { code, state: login.state, iss: deps.issuer },
      loginCookie(login.id, '', 0),
    );
  };
}

/**
 * Sends the browser to a registered redirect URI with response parameters appended to its
 * query. The URI is used exactly as registered (an existing query is kept).
 */
function redirectTo(
  response: Exchange['response'],
  redirectUri: string,
  fields: Record<string, string | undefined>,
  cookie?: string,
): void {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) query.append(name, value);
  }
  const location = `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query.toString()}`;
  response.writeHead(303, {
    ...commonHeaders,
    ...noStore,
    Location: location,
    'Content-Length': 0,
    'Referrer-Policy': 'no-referrer',
    ...(cookie === undefined ? {} : { 'Set-Cookie': cookie }),
  });
  response.end();
}

/** The cookie that binds a login form to the browser that opened it. */
function loginCookie(id: string, value: string, maxAgeSeconds: number): string {
  return `${cookiePrefix}${id}=${value}; Path=/authorize; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict`;
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
