import { describe, expect, it } from 'vitest';
import { applyConfig, parseConfig } from '../core/oauth/config-file';
import { basic, reports, startTessera, testConfig } from './oauth-server.test-helper';

/** POST /introspect of a token nobody issued: 200 `{"active":false}` once the caller is known. */
function introspect(url: string, form: Record<string, string>, authorization?: string) {
  return fetch(new URL('/introspect', url), {
    method: 'POST',
    body: new URLSearchParams({ token: 'never-issued', ...form }),
    headers: authorization === undefined ? {} : { authorization },
  });
}

const right = basic(reports.clientId, reports.secret);
const wrongSecrets = [`${reports.secret}x`, reports.secret.slice(0, -1), '', 'x'];

describe('client authentication, after the same credentials succeeded', () => {
  it('refuses a wrong secret in Basic, every time', async () => {
    const { url } = await startTessera();
    for (let i = 0; i < 3; i += 1) expect((await introspect(url, {}, right)).status).toBe(200);
    for (const secret of wrongSecrets.filter((secret) => secret !== '')) {
      const refused = await introspect(url, {}, basic(reports.clientId, secret));
      expect(refused.status, secret).toBe(401);
      expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    }
    expect((await introspect(url, {}, right)).status).toBe(200);
  });

  it('refuses a wrong secret in the form (client_secret_post), every time', async () => {
    const { url } = await startTessera();
    const form = (secret: string) => ({ client_id: reports.clientId, client_secret: secret });
    for (let i = 0; i < 3; i += 1) {
      expect((await introspect(url, form(reports.secret))).status).toBe(200);
    }
    for (const secret of wrongSecrets) {
      expect((await introspect(url, form(secret))).status, secret).toBe(401);
    }
    // The id and the secret are told apart: the secret's first character (a space) moved to
    // the end of the id is another, unknown client.
    const moved = {
      client_id: `${reports.clientId}${reports.secret[0]}`,
      client_secret: reports.secret.slice(1),
    };
    expect((await introspect(url, moved)).status).toBe(401);
  });

  it('still refuses Basic credentials the form contradicts', async () => {
    const { url } = await startTessera();
    expect((await introspect(url, {}, right)).status).toBe(200);
    const withSecret = await introspect(url, { client_secret: reports.secret }, right);
    expect(withSecret.status).toBe(400);
    expect(await withSecret.json()).toMatchObject({ error: 'invalid_request' });
    const otherId = await introspect(url, { client_id: 'web' }, right);
    expect(otherId.status).toBe(400);
    expect((await introspect(url, { client_id: reports.clientId }, right)).status).toBe(200);
  });

  it('refuses the old secret once the client’s secret has changed', async () => {
    const { url, core } = await startTessera();
    const post = { client_id: reports.clientId, client_secret: reports.secret };
    expect((await introspect(url, {}, right)).status).toBe(200);
    expect((await introspect(url, post)).status).toBe(200);
    const changed = 'a-new-secret-0123456789';
    const config = {
      ...testConfig,
      clients: testConfig.clients.map((client) =>
        client.clientId === reports.clientId ? { ...client, secret: changed } : client,
      ),
    };
    await applyConfig(core.oauth.directory, parseConfig(JSON.stringify(config), 'test'));
    expect((await introspect(url, {}, right)).status).toBe(401);
    expect((await introspect(url, post)).status).toBe(401);
    expect((await introspect(url, {}, basic(reports.clientId, changed))).status).toBe(200);
    expect((await introspect(url, { ...post, client_secret: changed })).status).toBe(200);
  });
});
