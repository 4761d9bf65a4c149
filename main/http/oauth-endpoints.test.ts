import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { defaultPolicy, type EventPage } from '../../shared/contract';
import {
  admin,
  basic,
  billing,
  logIn,
  maria,
  rawRequest,
  reports,
  spa,
  startTessera,
  submitLogin,
  support,
  web,
} from './oauth-server.test-helper';

const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');

function authorizeUrl(url: string, overrides: Record<string, string | null> = {}): URL {
  const target = new URL('/authorize', url);
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: web.clientId,
    redirect_uri: web.redirectUri,
    scope: 'openid offline_access',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) {
    if (value !== null) target.searchParams.set(name, value);
  }
  return target;
}

function post(url: string, path: string, form: Record<string, string>, headers: HeadersInit = {}) {
  return fetch(new URL(path, url), {
    method: 'POST',
    body: new URLSearchParams(form),
    headers,
  });
}

/** Logs maria in to the web client and exchanges the code; returns the token response. */
async function webTokens(url: string) {
  const callback = await logIn(authorizeUrl(url));
  const response = await post(
    url,
    '/token',
    {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: web.redirectUri,
      code_verifier: verifier,
    },
    { authorization: basic(web.clientId, web.secret) },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    access_token: string;
    refresh_token: string;
    id_token: string;
  };
}

async function events(core: Awaited<ReturnType<typeof startTessera>>['core'], type: string) {
  const result = await core.dispatch('events.query', { filter: { types: [type] } }, support);
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as EventPage).events;
}

describe('/authorize', () => {
  it('refuses PKCE plain (and a missing challenge) back to the app, with its state and iss', async () => {
    const { url } = await startTessera();
    const cases: Array<Record<string, string | null>> = [
      { code_challenge_method: 'plain', code_challenge: verifier },
      { code_challenge_method: null },
      { code_challenge: null },
    ];
    for (const overrides of cases) {
      const response = await fetch(authorizeUrl(url, overrides), { redirect: 'manual' });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(web.redirectUri);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_description')).toMatch(/code_challenge/);
      expect(location.searchParams.get('state')).toBe('state-123');
      expect(location.searchParams.get('iss')).toBe(url);
    }
    const plain = await fetch(authorizeUrl(url, { code_challenge_method: 'plain' }), {
      redirect: 'manual',
    });
    expect(new URL(plain.headers.get('location')!).searchParams.get('error_description')).toMatch(
      /plain is not supported/,
    );
  });

  it('never redirects to a redirect_uri that is not registered byte for byte', async () => {
    const { url } = await startTessera();
    for (const redirectUri of [
      'http://127.0.0.1:9/callback/',
      'http://127.0.0.1:9/Callback',
      'http://127.0.0.1:9/callback?x=1',
      'http://evil.example/callback',
      'HTTP://127.0.0.1:9/callback',
    ]) {
      const response = await fetch(authorizeUrl(url, { redirect_uri: redirectUri }), {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toMatch(/redirect_uri is not one registered/);
    }
    const unknownClient = await fetch(authorizeUrl(url, { client_id: 'nobody' }), {
      redirect: 'manual',
    });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('location')).toBeNull();
  });

  it('serves a login page with a strict CSP and no script', async () => {
    const { url } = await startTessera();
    const page = await fetch(authorizeUrl(url));
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(csp).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:9/);
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    expect(page.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses the login form without its anti-CSRF value, its cookie, or from another origin', async () => {
    const { url } = await startTessera();
    const page = await fetch(authorizeUrl(url));
    const html = await page.text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const form = { request_id: requestId, username: maria.username, password: maria.password };

    const foreign = await rawRequest(`${url}/authorize/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://127.0.0.1:5173',
        cookie,
      },
      body: new URLSearchParams({ ...form, csrf }).toString(),
    });
    expect(foreign.status).toBe(403);
    const noCookie = await post(url, '/authorize/login', { ...form, csrf });
    expect(noCookie.status).toBe(403);
    expect(await noCookie.text()).toMatch(/anti-forgery/);
    // The failed check ended the request: even the right values cannot finish it now.
    const late = await post(url, '/authorize/login', { ...form, csrf }, { cookie });
    expect(late.status).toBe(400);
  });

  it('shows the form again on a wrong password, and gives up after five', async () => {
    const { url } = await startTessera();
    const page = await fetch(authorizeUrl(url));
    const html = await page.text();
    const fields = {
      request_id: /name="request_id" value="([^"]+)"/.exec(html)![1]!,
      csrf: /name="csrf" value="([^"]+)"/.exec(html)![1]!,
      username: maria.username,
      password: 'wrong',
    };
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    for (let attempt = 1; attempt < 5; attempt += 1) {
      const again = await post(url, '/authorize/login', fields, { cookie });
      expect(again.status).toBe(400);
      expect(await again.text()).toMatch(/Wrong username or password/);
    }
    const last = await fetch(new URL('/authorize/login', url), {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { cookie },
      redirect: 'manual',
    });
    expect(last.status).toBe(303);
    expect(new URL(last.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it('logs in with the username in any case', async () => {
    const { url } = await startTessera();
    const posted = await submitLogin(authorizeUrl(url), { ...maria, username: 'MARIA' });
    expect(posted.status).toBe(303);
    expect(new URL(posted.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });
});

describe('/token', () => {
  it('refuses a second use of a code and revokes what the first use issued', async () => {
    const { url, core } = await startTessera();
    const callback = await logIn(authorizeUrl(url));
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(callback.searchParams.get('iss')).toBe(url);
    const exchange = {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: web.redirectUri,
      code_verifier: verifier,
    };
    const auth = { authorization: basic(web.clientId, web.secret) };
    const first = await post(url, '/token', exchange, auth);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const issued = (await first.json()) as { access_token: string; refresh_token: string };
    expect(await core.tokens.verify(issued.access_token)).toMatchObject({ ok: true });

    const second = await post(url, '/token', exchange, auth);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: 'invalid_grant' });
    expect(await core.tokens.verify(issued.access_token)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    const refresh = await post(
      url,
      '/token',
      { grant_type: 'refresh_token', refresh_token: issued.refresh_token },
      auth,
    );
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('checks the code verifier and the redirect URI of the exchange', async () => {
    const { url } = await startTessera();
    const auth = { authorization: basic(web.clientId, web.secret) };
    const wrongVerifier = await logIn(authorizeUrl(url));
    const refused = await post(
      url,
      '/token',
      {
        grant_type: 'authorization_code',
        code: wrongVerifier.searchParams.get('code')!,
        redirect_uri: web.redirectUri,
        code_verifier: randomBytes(32).toString('base64url'),
      },
      auth,
    );
    expect(await refused.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/code_verifier/),
    });
    const wrongRedirect = await logIn(authorizeUrl(url));
    const redirected = await post(
      url,
      '/token',
      {
        grant_type: 'authorization_code',
        code: wrongRedirect.searchParams.get('code')!,
        redirect_uri: `${web.redirectUri}/`,
        code_verifier: verifier,
      },
      auth,
    );
    expect(await redirected.json()).toMatchObject({ error: 'invalid_grant' });
    const malformed = await post(
      url,
      '/token',
      {
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: web.redirectUri,
        code_verifier: 'short',
      },
      auth,
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/^code_verifier: /),
    });
  });

  it('decodes client_secret_basic as RFC 6749 §2.3.1 says, and answers 401 when it fails', async () => {
    const { url } = await startTessera();
    const ok = await post(
      url,
      '/token',
      { grant_type: 'client_credentials' },
      {
        authorization: basic(reports.clientId, reports.secret),
      },
    );
    expect(ok.status).toBe(200);
    // The same secret without the form-encoding: "+" would read as a space.
    const raw = `Basic ${Buffer.from(`${encodeURIComponent(reports.clientId)}:${reports.secret.replace('%', '%25')}`).toString('base64')}`;
    const unencoded = await post(
      url,
      '/token',
      { grant_type: 'client_credentials' },
      {
        authorization: raw,
      },
    );
    expect(unencoded.status).toBe(401);
    expect(unencoded.headers.get('www-authenticate')).toMatch(/^Basic realm="tessera"/);
    expect(await unencoded.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    });
    const post401 = await post(url, '/token', {
      grant_type: 'client_credentials',
      client_id: reports.clientId,
      client_secret: 'nope',
    });
    expect(post401.status).toBe(401);
    const both = await post(
      url,
      '/token',
      { grant_type: 'client_credentials', client_secret: reports.secret },
      { authorization: basic(reports.clientId, reports.secret) },
    );
    expect(await both.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts a UTF-8 secret inside Basic', async () => {
    const { url, core } = await startTessera();
    const secret = 'mot de passe: élan+café/%';
    await core.oauth.directory.upsertClient(
      {
        clientId: 'utf8',
        name: 'UTF-8',
        kind: 'confidential',
        secret,
        redirectUris: [],
        backchannelLogoutUri: null,
        grantTypes: ['client_credentials'],
        corsOrigins: [],
        allowedScope: '',
      },
      'test',
    );
    const response = await post(
      url,
      '/token',
      { grant_type: 'client_credentials' },
      {
        authorization: basic('utf8', secret),
      },
    );
    expect(response.status).toBe(200);
  });

  it('refuses what a client may not do, naming the parameter', async () => {
    const { url } = await startTessera();
    const publicCredentials = await post(url, '/token', {
      grant_type: 'client_credentials',
      client_id: spa.clientId,
    });
    expect(await publicCredentials.json()).toMatchObject({ error: 'unauthorized_client' });
    const unknownGrant = await post(
      url,
      '/token',
      { grant_type: 'password' },
      {
        authorization: basic(web.clientId, web.secret),
      },
    );
    expect(await unknownGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const twice = await fetch(new URL('/token', url), {
      method: 'POST',
      body: 'grant_type=client_credentials&grant_type=client_credentials',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(reports.clientId, reports.secret),
      },
    });
    expect(await twice.json()).toEqual({
      error: 'invalid_request',
      error_description: 'grant_type: given more than once.',
    });
    const json = await fetch(new URL('/token', url), {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('rate-limits refreshes per session with 429 and Retry-After, one event a second', async () => {
    const { url, core } = await startTessera();
    const set = await core.dispatch(
      'policy.set',
      { policy: { ...defaultPolicy, sessionRefreshesPerMinute: 2 } },
      admin,
    );
    expect(set.ok).toBe(true);
    let { refresh_token: current } = await webTokens(url);
    const auth = { authorization: basic(web.clientId, web.secret) };
    for (let i = 0; i < 2; i += 1) {
      const response = await post(
        url,
        '/token',
        { grant_type: 'refresh_token', refresh_token: current },
        auth,
      );
      expect(response.status).toBe(200);
      current = ((await response.json()) as { refresh_token: string }).refresh_token;
    }
    const burst = await Promise.all(
      Array.from({ length: 5 }, () =>
        post(url, '/token', { grant_type: 'refresh_token', refresh_token: current }, auth),
      ),
    );
    for (const response of burst) {
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    }
    const limited = await events(core, 'refresh.rate_limited');
    expect(limited).toHaveLength(1);
    expect(limited[0]!.payload).toMatchObject({ clientId: web.clientId, scope: 'session' });
    // The refused requests did not consume the token: it still works once the bucket refills.
  });

  it('rate-limits refreshes per client', async () => {
    const { url, core } = await startTessera();
    await core.dispatch(
      'policy.set',
      { policy: { ...defaultPolicy, clientRefreshesPerSecond: 1, sessionRefreshesPerMinute: 0 } },
      admin,
    );
    const { refresh_token: token } = await webTokens(url);
    const auth = { authorization: basic(web.clientId, web.secret) };
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await post(
        url,
        '/token',
        { grant_type: 'refresh_token', refresh_token: token },
        auth,
      );
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('1');
    }
    expect(statuses[0]).not.toBe(429);
    expect(statuses.slice(1)).toContain(429);
    expect((await events(core, 'refresh.rate_limited'))[0]!.payload).toMatchObject({
      scope: 'client',
      sid: null,
    });
  });
});

describe('/revoke and /introspect', () => {
  it('answers exactly {"active":false} for anything inactive', async () => {
    const { url } = await startTessera();
    const auth = { authorization: basic(web.clientId, web.secret) };
    const { access_token: access, id_token: idToken } = await webTokens(url);
    const forged = `${access.split('.').slice(0, 2).join('.')}.${randomBytes(64).toString('base64url')}`;
    for (const token of [
      'garbage',
      'a.b.c',
      randomBytes(32).toString('base64url'),
      forged,
      idToken,
      'x'.repeat(10_000),
    ]) {
      const response = await post(url, '/introspect', { token }, auth);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe('{"active":false}');
    }
  });

  it('answers active access tokens and their callers without a database query', async () => {
    const { url, dbFile } = await startTessera();
    const auth = { authorization: basic(reports.clientId, reports.secret) };
    const { access_token: access, refresh_token: refresh } = await webTokens(url);
    const introspect = async () => {
      const response = await post(url, '/introspect', { token: access }, auth);
      return (await response.json()) as { active: boolean };
    };
    expect(await introspect()).toMatchObject({ active: true });
    // Every statement of every connection in this process shares one prototype.
    const probe = new Database(dbFile, { readonly: true });
    const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
      'get' | 'all' | 'run' | 'iterate',
      (...args: unknown[]) => unknown
    >;
    probe.close();
    const spies = (['get', 'all', 'run', 'iterate'] as const).map((name) =>
      vi.spyOn(statement, name),
    );
    try {
      for (let i = 0; i < 20; i += 1) expect(await introspect()).toMatchObject({ active: true });
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      // The probe does see queries: a refresh token is looked up in the database.
      await post(url, '/introspect', { token: refresh }, auth);
      expect(spies[0]).toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('answers {"active":false} right after answering active, once the token is revoked', async () => {
    const { url } = await startTessera();
    const caller = { authorization: basic(reports.clientId, reports.secret) };
    const owner = { authorization: basic(web.clientId, web.secret) };
    const first = await webTokens(url);
    const second = await webTokens(url);
    const introspect = async (token: string) =>
      (await post(url, '/introspect', { token }, caller)).text();
    const jti = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string })
        .jti;
    for (let i = 0; i < 3; i += 1) {
      expect(JSON.parse(await introspect(first.access_token))).toMatchObject({
        active: true,
        jti: jti(first.access_token),
      });
      expect(JSON.parse(await introspect(second.access_token))).toMatchObject({
        active: true,
        jti: jti(second.access_token),
      });
    }
    // By jti: this token alone.
    expect((await post(url, '/revoke', { token: first.access_token }, owner)).status).toBe(200);
    expect(await introspect(first.access_token)).toBe('{"active":false}');
    expect(JSON.parse(await introspect(second.access_token))).toMatchObject({ active: true });
    // By session: its refresh token ends the grant.
    expect((await post(url, '/revoke', { token: second.refresh_token }, owner)).status).toBe(200);
    expect(await introspect(second.access_token)).toBe('{"active":false}');
  });

  it('requires the caller to authenticate; public clients cannot introspect', async () => {
    const { url } = await startTessera();
    const anonymous = await post(url, '/introspect', { token: 'x' });
    expect(anonymous.status).toBe(401);
    const publicClient = await post(url, '/introspect', { token: 'x', client_id: spa.clientId });
    expect(publicClient.status).toBe(401);
    const revokeAnonymous = await post(url, '/revoke', { token: 'x' });
    expect(revokeAnonymous.status).toBe(401);
  });

  it('revokes unknown tokens with 200 but refuses another client’s token', async () => {
    const { url, core } = await startTessera();
    const { access_token: access, refresh_token: refresh } = await webTokens(url);
    const other = { authorization: basic(reports.clientId, reports.secret) };
    const unknown = await post(url, '/revoke', { token: 'never-issued' }, other);
    expect(unknown.status).toBe(200);
    for (const token of [access, refresh]) {
      const refused = await post(url, '/revoke', { token }, other);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: 'unauthorized_client' });
    }
    expect(await core.tokens.verify(access)).toMatchObject({ ok: true });
    const introspected = await post(
      url,
      '/introspect',
      { token: refresh },
      {
        authorization: basic(web.clientId, web.secret),
      },
    );
    expect(await introspected.json()).toMatchObject({ active: true, client_id: web.clientId });
    // Refresh tokens are shown only to the client they were issued to.
    const otherView = await post(url, '/introspect', { token: refresh }, other);
    expect(await otherView.text()).toBe('{"active":false}');
  });
});

describe('/sync/logins', () => {
  it('records a participant and an event for a live session of the same user', async () => {
    const { url, core, dbFile } = await startTessera();
    const { access_token: access } = await webTokens(url);
    const verified = await core.tokens.verify(access);
    if (!verified.ok) throw new Error(verified.message);
    const { sid } = verified.claims;
    const auth = { authorization: basic(billing.clientId, billing.secret) };

    const reported = await fetch(new URL('/sync/logins', url), {
      method: 'POST',
      body: JSON.stringify({ sid, user_id: maria.username }),
      headers: { ...auth, 'content-type': 'application/json' },
    });
    expect(reported.status).toBe(200);
    expect(await reported.json()).toEqual({
      sid,
      user_id: maria.username,
      client_id: billing.clientId,
      first: true,
    });
    const again = await post(url, '/sync/logins', { sid, user_id: maria.username }, auth);
    expect(await again.json()).toMatchObject({ first: false });

    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare('SELECT sid, client_id FROM session_participants').all()).toEqual([
        { sid, client_id: billing.clientId },
      ]);
    } finally {
      db.close();
    }
    const logged = await events(core, 'sync.login_reported');
    expect(logged.map((event) => event.payload)).toEqual([
      { sid, userId: maria.username, clientId: billing.clientId, first: false },
      { sid, userId: maria.username, clientId: billing.clientId, first: true },
    ]);

    const wrongUser = await post(url, '/sync/logins', { sid, user_id: 'bob' }, auth);
    expect(wrongUser.status).toBe(400);
    expect(await wrongUser.json()).toMatchObject({
      error_description: 'user_id: the session belongs to another user.',
    });
    const unknown = await post(url, '/sync/logins', { sid: 'nope', user_id: 'maria' }, auth);
    expect(await unknown.json()).toMatchObject({
      error_description: 'sid: there is no session with this id.',
    });
    await core.tokens.endSession(sid, 'logout', 'test');
    const ended = await post(url, '/sync/logins', { sid, user_id: maria.username }, auth);
    expect(await ended.json()).toMatchObject({ error_description: 'sid: this session has ended.' });
    const missing = await post(url, '/sync/logins', { sid }, auth);
    expect(await missing.json()).toMatchObject({ error_description: 'user_id: is required.' });
  });
});

describe('transport guards', () => {
  it('refuses bodies over 16 KiB with 413', async () => {
    const { url } = await startTessera();
    const response = await post(url, '/token', {
      grant_type: 'client_credentials',
      padding: 'x'.repeat(20 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 421 to any Host but 127.0.0.1 and localhost on its port', async () => {
    const { url } = await startTessera();
    const port = new URL(url).port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      const response = await rawRequest(`${url}/.well-known/openid-configuration`, {
        headers: { host },
      });
      expect(response.status).toBe(421);
    }
    const localhost = await rawRequest(`${url}/.well-known/openid-configuration`, {
      headers: { host: `localhost:${port}` },
    });
    expect(localhost.status).toBe(200);
  });

  it('allows CORS only for the origins of public clients', async () => {
    const { url } = await startTessera();
    const preflight = (origin: string) =>
      rawRequest(`${url}/token`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight(spa.origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(spa.origin);
    expect(allowed.headers['access-control-allow-methods']).toBe('POST');
    const refused = await preflight('http://127.0.0.1:5174');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const revoke = await rawRequest(`${url}/revoke`, {
      method: 'OPTIONS',
      headers: { origin: spa.origin, 'access-control-request-method': 'POST' },
    });
    expect(revoke.headers['access-control-allow-origin']).toBe(spa.origin);
    const introspect = await rawRequest(`${url}/introspect`, {
      method: 'OPTIONS',
      headers: { origin: spa.origin, 'access-control-request-method': 'POST' },
    });
    expect(introspect.status).toBe(405);

    const actual = await rawRequest(`${url}/token`, {
      method: 'POST',
      headers: { origin: spa.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x&client_id=spa',
    });
    expect(actual.headers['access-control-allow-origin']).toBe(spa.origin);
    expect(JSON.parse(actual.body)).toMatchObject({ error: 'invalid_grant' });
  });

  it('survives a request target that is no URL, and shows no internals', async () => {
    const { url, errors } = await startTessera();
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.once('end', () => resolve(text));
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 500 /);
    expect(answer).toMatch(/"error":"server_error"/);
    expect(answer).not.toMatch(/at |Invalid URL/);
    expect(errors).toHaveLength(1);
    expect((await fetch(`${url}/jwks.json`)).status).toBe(200);
  });

  it('routes a target by its path whatever its form: query, dot segments, absolute', async () => {
    const { url } = await startTessera();
    for (const target of ['/jwks.json', '/jwks.json?x=1', '/a/../jwks.json', `${url}/jwks.json`]) {
      const response = await rawRequest(url, { path: target });
      expect(response.status, target).toBe(200);
      expect(JSON.parse(response.body), target).toHaveProperty('keys');
    }
    expect((await rawRequest(url, { path: '/jwks.json/' })).status).toBe(404);
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const { url } = await startTessera();
    const response = await fetch(new URL('/token', url));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
