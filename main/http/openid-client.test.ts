import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { reports, startTessera, web, logIn, maria } from './oauth-server.test-helper';

/** openid-client v6, unmodified; plain http is allowed for 127.0.0.1 by its documented option. */
async function discover(url: string, clientId: string, auth: client.ClientAuth) {
  return client.discovery(new URL(url), clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
}

/** The authorization code flow with PKCE, through the login page, as a relying party runs it. */
async function authorizationCodeFlow(config: client.Configuration, scope: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizeUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: web.redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const callback = await logIn(authorizeUrl, maria);
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
}

async function invalidGrant(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(client.ResponseBodyError);
  expect((error as client.ResponseBodyError).error).toBe('invalid_grant');
}

describe('Tessera driven by openid-client', () => {
  it('discovers the provider', async () => {
    const { url } = await startTessera();
    const config = await discover(url, web.clientId, client.ClientSecretBasic(web.secret));
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({
      issuer: url,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/token`,
      jwks_uri: `${url}/jwks.json`,
      revocation_endpoint: `${url}/revoke`,
      introspection_endpoint: `${url}/introspect`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      subject_types_supported: ['public'],
    });
    expect(metadata.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'offline_access', 'reports.read']),
    );
    const oauthMetadata = await fetch(`${url}/.well-known/oauth-authorization-server`);
    expect(await oauthMetadata.json()).toEqual(metadata);
  });

  it('logs in with the authorization code and PKCE, then rotates, and catches a replay', async () => {
    const { url } = await startTessera();
    const config = await discover(url, web.clientId, client.ClientSecretBasic(web.secret));
    const tokens = await authorizationCodeFlow(config, 'openid profile offline_access');
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('openid profile offline_access');
    expect(tokens.expiresIn()).toBeGreaterThan(0);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: url,
      sub: maria.username,
      aud: web.clientId,
      name: 'Maria Garcia',
      preferred_username: maria.username,
    });
    expect(typeof claims.sid).toBe('string');
    expect(typeof claims.auth_time).toBe('number');

    const first = tokens.refresh_token!;
    const rotated = await client.refreshTokenGrant(config, first);
    expect(rotated.refresh_token).toBeDefined();
    expect(rotated.refresh_token).not.toBe(first);
    expect(rotated.access_token).not.toBe(tokens.access_token);

    // The consumed token again: reuse. The family and its session are revoked...
    await invalidGrant(client.refreshTokenGrant(config, first));
    // ...so the newest token of the family fails too, and so does its access token.
    await invalidGrant(client.refreshTokenGrant(config, rotated.refresh_token!));
    expect(await client.tokenIntrospection(config, rotated.access_token)).toEqual({
      active: false,
    });
  });

  it('introspects an access token as active, and as inactive once revoked', async () => {
    const { url } = await startTessera();
    const config = await discover(url, web.clientId, client.ClientSecretBasic(web.secret));
    const tokens = await authorizationCodeFlow(config, 'openid offline_access');
    const active = await client.tokenIntrospection(config, tokens.access_token);
    expect(active).toMatchObject({
      active: true,
      client_id: web.clientId,
      sub: maria.username,
      scope: 'openid offline_access',
      iss: url,
      aud: 'api://default',
      token_type: 'Bearer',
      sid: tokens.claims()!.sid,
    });
    expect(active.exp).toBeGreaterThan(active.iat!);
    expect(typeof active.jti).toBe('string');

    await client.tokenRevocation(config, tokens.access_token);
    expect(await client.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
    // Only that token: the session and its refresh token live on.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(await client.tokenIntrospection(config, refreshed.access_token)).toMatchObject({
      active: true,
    });

    // Revoking the refresh token ends the session: every token of it stops working at once.
    await client.tokenRevocation(config, refreshed.refresh_token!, {
      token_type_hint: 'access_token',
    });
    expect(await client.tokenIntrospection(config, refreshed.access_token)).toEqual({
      active: false,
    });
    await invalidGrant(client.refreshTokenGrant(config, refreshed.refresh_token!));
  });

  it('gives a client a token for itself with client_credentials', async () => {
    const { url, core } = await startTessera();
    const config = await discover(url, reports.clientId, client.ClientSecretBasic(reports.secret));
    const granted = await client.clientCredentialsGrant(config, { scope: 'reports.read' });
    expect(granted.refresh_token).toBeUndefined();
    expect(granted.scope).toBe('reports.read');
    const verified = await core.tokens.verify(granted.access_token);
    expect(verified).toMatchObject({
      ok: true,
      claims: {
        sub: reports.clientId,
        client_id: reports.clientId,
        sid: `client:${reports.clientId}`,
      },
    });
    // No session row: session operations know nothing of it.
    expect(core.tokens.describeSession(`client:${reports.clientId}`)).toBeNull();

    const all = await client.clientCredentialsGrant(config);
    expect(all.scope).toBe('reports.read reports.write');
    const post = await discover(url, reports.clientId, client.ClientSecretPost(reports.secret));
    expect((await client.clientCredentialsGrant(post)).access_token).toBeTruthy();
    await expect(client.clientCredentialsGrant(config, { scope: 'openid' })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
  });
});
