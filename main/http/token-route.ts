import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { RefreshRejection } from '../../shared/contract';
import type { ClientRecord } from '../core/oauth/directory';
import type { IssuedTokens, TokenService } from '../core/tokens/token-service';
import type { AuthorizationStore } from './authorization-store';
import type { ClientAuthenticator } from './client-auth';
import { noStore, sendJson, type Endpoint } from './http-io';
import { OAuthError } from './oauth-error';
import type { RateLimited, RefreshLimiter } from './rate-limiter';
import { readFormParams, validate, type Params } from './request-params';
import { checkRequestedScope, clientCredentialsScope } from './scopes';

/** What the token endpoint needs. */
export interface TokenDeps {
  readonly tokens: TokenService;
  readonly clients: ClientAuthenticator;
  readonly store: AuthorizationStore;
  readonly limiter: RefreshLimiter;
}

/** Parameters every grant may carry; client credentials are read by client-auth. */
const common = {
  client_id: z.string().max(128).optional(),
  client_secret: z.string().max(512).optional(),
};

const grantSchema = z.object({ grant_type: z.string().max(128) });

const authorizationCodeSchema = z.object({
  ...common,
  code: z.string().max(256),
  redirect_uri: z.string().max(2048),
  // RFC 7636 §4.1: 43 to 128 unreserved characters.
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, {
    message: 'must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)',
  }),
});

const refreshSchema = z.object({
  ...common,
  refresh_token: z.string().max(512),
  scope: z.string().max(1024).optional(),
});

const clientCredentialsSchema = z.object({
  ...common,
  scope: z.string().max(1024).optional(),
});

/** Sentences for refused refreshes; every one is `invalid_grant`. */
const refusals: Record<RefreshRejection, string> = {
  unknown: 'The refresh token is not known.',
  wrong_client: 'The refresh token was issued to another client.',
  expired: 'The refresh token has expired.',
  family_revoked: 'The refresh token has been revoked.',
  session_ended: 'The session of this refresh token has ended.',
  reused: 'The refresh token was already used; its session has been revoked as a precaution.',
};

/**
 * POST /token: authorization_code (with PKCE), refresh_token (rotation and reuse detection by
 * the core, rate limited) and client_credentials. Errors per RFC 6749 §5.2.
 */
export function tokenEndpoint(deps: TokenDeps): Endpoint {
  const { tokens, clients } = deps;

  const authorizationCode = async (client: ClientRecord, params: Params) => {
    const input = validate(authorizationCodeSchema, params);
    if (!client.grantTypes.has('authorization_code')) {
      throw new OAuthError('unauthorized_client', 'This client may not use authorization_code.');
    }
    const code = deps.store.code(input.code);
    if (!code || code.clientId !== client.clientId) {
      throw new OAuthError('invalid_grant', 'The authorization code is not known.');
    }
    if (code.used) {
      // RFC 6749 §4.1.2: a code used twice revokes what it was exchanged for.
      if (code.sid !== null) await tokens.endSession(code.sid, 'reuse_detected', 'system');
      else code.revokeWhenIssued = true;
      throw new OAuthError(
        'invalid_grant',
        'The authorization code was already used; the tokens issued for it are revoked.',
      );
    }
    code.used = true;
    if (deps.store.expired(code)) {
      throw new OAuthError('invalid_grant', 'The authorization code has expired.');
    }
    if (input.redirect_uri !== code.redirectUri) {
      throw new OAuthError(
        'invalid_grant',
        'redirect_uri: differs from the one of the authorization request.',
      );
    }
    if (!pkceMatches(input.code_verifier, code.codeChallenge)) {
      throw new OAuthError('invalid_grant', 'code_verifier: does not match the code_challenge.');
    }
    const issued = await tokens.login({
      userId: code.userId,
      clientId: client.clientId,
      scope: code.scope,
      ip: code.ip,
      userAgent: code.userAgent,
      authTimeS: code.authTimeS,
    });
    code.sid = issued.sid;
    if (code.revokeWhenIssued) {
      await tokens.endSession(issued.sid, 'reuse_detected', 'system');
      throw new OAuthError(
        'invalid_grant',
        'The authorization code was used twice at once; the tokens issued for it are revoked.',
      );
    }
    const scopes = code.scope.split(' ');
    const idToken = scopes.includes('openid')
      ? await tokens.issueIdToken({
          sid: issued.sid,
          userId: code.userId,
          clientId: client.clientId,
          authTimeS: code.authTimeS,
          nonce: code.nonce,
          profile: scopes.includes('profile')
            ? { name: code.displayName, preferredUsername: code.username }
            : undefined,
        })
      : undefined;
    return tokenResponse(issued, client, idToken);
  };

  const refresh = async (client: ClientRecord, params: Params) => {
    const input = validate(refreshSchema, params);
    if (!client.grantTypes.has('refresh_token')) {
      throw new OAuthError('unauthorized_client', 'This client may not use refresh_token.');
    }
    checkRequestedScope(client, input.scope);
    const clientLimited = deps.limiter.checkClient(client.clientId);
    if (clientLimited) throw tooMany(clientLimited);
    const outcome = await tokens.refresh({
      refreshToken: input.refresh_token,
      clientId: client.clientId,
      admit: (sid) => deps.limiter.checkSession(client.clientId, sid)?.retryAfterSeconds ?? null,
    });
    if ('retryAfterSeconds' in outcome) {
      throw tooMany({ scope: 'session', retryAfterSeconds: outcome.retryAfterSeconds });
    }
    if ('reason' in outcome) throw new OAuthError('invalid_grant', refusals[outcome.reason]);
    return tokenResponse(outcome, client, undefined);
  };

  const clientCredentials = async (client: ClientRecord, params: Params) => {
    const input = validate(clientCredentialsSchema, params);
    if (client.kind !== 'confidential' || !client.grantTypes.has('client_credentials')) {
      throw new OAuthError('unauthorized_client', 'This client may not use client_credentials.');
    }
    const scope = clientCredentialsScope(client, input.scope);
    return tokenResponse(
      await tokens.issueClientToken({ clientId: client.clientId, scope }),
      client,
      undefined,
    );
  };

  const grants: Record<
    string,
    (client: ClientRecord, params: Params) => Promise<Record<string, unknown>>
  > = {
    authorization_code: authorizationCode,
    refresh_token: refresh,
    client_credentials: clientCredentials,
  };

  return async ({ request, response }) => {
    const params = await readFormParams(request);
    const { grant_type: grantType } = validate(grantSchema, params);
    const client = await clients.authenticate(request, params, {
      allowPublic: true,
    });
    const grant = Object.hasOwn(grants, grantType) ? grants[grantType] : undefined;
    if (!grant) {
      throw new OAuthError('unsupported_grant_type', 'grant_type: not supported by Tessera.');
    }
    sendJson(response, 200, await grant(client, params), noStore);
  };
}

/** 429 with Retry-After (RFC 6585), naming the limit that refused. */
function tooMany(limited: RateLimited): OAuthError {
  return new OAuthError(
    'temporarily_unavailable',
    limited.scope === 'client'
      ? `Too many refreshes by this client; retry in ${limited.retryAfterSeconds} s.`
      : `Too many refreshes in this session; retry in ${limited.retryAfterSeconds} s.`,
    429,
    { 'Retry-After': String(limited.retryAfterSeconds) },
  );
}

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) equals the challenge, in constant time. */
function pkceMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** RFC 6749 §5.1. A refresh token only for clients allowed the refresh grant. */
function tokenResponse(
  issued: IssuedTokens,
  client: ClientRecord,
  idToken: string | undefined,
): Record<string, unknown> {
  const refreshToken =
    issued.refreshToken !== null && client.grantTypes.has('refresh_token')
      ? issued.refreshToken
      : undefined;
  return {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    expires_in: issued.expiresInSeconds,
    refresh_token: refreshToken,
    scope: issued.scope,
    id_token: idToken,
  };
}
