import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIssuerKeyFetcher } from './issuer-keys';
import { IssuerKeysError } from './issuer-keys-error';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const discoveryPath = '/.well-known/openid-configuration';
const signingKey = { kty: 'EC', crv: 'P-256', kid: 'k1', x: 'x-value', y: 'y-value' };
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    // Drops the requests some tests leave hanging on purpose.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real issuer on 127.0.0.1; routes get its base URL so they can point at themselves. */
async function startIssuer(
  routes: (baseUrl: string) => Record<string, Handler>,
): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  let handlers: Record<string, Handler> = {};
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const handler = handlers[request.url ?? ''];
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handlers = routes(url);
  return { url, requests };
}

const json =
  (body: unknown): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

const standardRoutes = (baseUrl: string): Record<string, Handler> => ({
  [discoveryPath]: json({ issuer: baseUrl, jwks_uri: `${baseUrl}/jwks` }),
  '/jwks': json({ keys: [signingKey] }),
});

async function failure(promise: Promise<unknown>): Promise<IssuerKeysError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IssuerKeysError);
  return error as IssuerKeysError;
}

describe('createIssuerKeyFetcher', () => {
  it('follows discovery to the key set', async () => {
    const issuer = await startIssuer(standardRoutes);
    const fetchKeys = createIssuerKeyFetcher();
    expect(await fetchKeys(`${issuer.url}/`)).toEqual({ keys: [signingKey] });
    expect(issuer.requests).toEqual([discoveryPath, '/jwks']);
  });

  it('accepts an issuer with a path, or its discovery URL as typed', async () => {
    const issuer = await startIssuer((baseUrl) => ({
      [`/tenant${discoveryPath}`]: json({ jwks_uri: `${baseUrl}/tenant/keys` }),
      '/tenant/keys': json({ keys: [signingKey] }),
    }));
    const fetchKeys = createIssuerKeyFetcher({ cacheMs: 0 });
    expect(await fetchKeys(`${issuer.url}/tenant`)).toEqual({ keys: [signingKey] });
    expect(await fetchKeys(`${issuer.url}/tenant${discoveryPath}`)).toEqual({
      keys: [signingKey],
    });
    expect(await fetchKeys(`${issuer.url}/tenant${discoveryPath}/`)).toEqual({
      keys: [signingKey],
    });
    expect(issuer.requests).toEqual(
      Array(3)
        .fill([`/tenant${discoveryPath}`, '/tenant/keys'])
        .flat(),
    );
  });

  it('reuses a key set for cacheMs, then fetches it again', async () => {
    const issuer = await startIssuer(standardRoutes);
    let nowMs = 1_000_000;
    const fetchKeys = createIssuerKeyFetcher({ cacheMs: 60_000, now: () => nowMs });

    await fetchKeys(issuer.url);
    await fetchKeys(`${issuer.url}/`);
    expect(issuer.requests).toHaveLength(2);

    nowMs += 59_999;
    await fetchKeys(issuer.url);
    expect(issuer.requests).toHaveLength(2);

    nowMs += 1;
    await fetchKeys(issuer.url);
    expect(issuer.requests).toHaveLength(4);
  });

  it('shares one fetch between concurrent calls', async () => {
    const issuer = await startIssuer(standardRoutes);
    const fetchKeys = createIssuerKeyFetcher();
    await Promise.all([fetchKeys(issuer.url), fetchKeys(issuer.url)]);
    expect(issuer.requests).toHaveLength(2);
  });

  it('does not cache failures', async () => {
    let down = true;
    const issuer = await startIssuer((baseUrl) => ({
      ...standardRoutes(baseUrl),
      '/jwks': (request, response) =>
        down ? response.writeHead(503).end() : json({ keys: [signingKey] })(request, response),
    }));
    const fetchKeys = createIssuerKeyFetcher();
    expect((await failure(fetchKeys(issuer.url))).code).toBe('ERR_ISSUER_UNREACHABLE');
    down = false;
    expect(await fetchKeys(issuer.url)).toEqual({ keys: [signingKey] });
  });

  it('gives up on an issuer that does not answer in time', async () => {
    const issuer = await startIssuer(() => ({ [discoveryPath]: () => undefined }));
    const started = Date.now();
    const error = await failure(createIssuerKeyFetcher({ timeoutMs: 200 })(issuer.url));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('ERR_ISSUER_UNREACHABLE');
    expect(error.message).toBe(
      `Could not fetch the discovery document at ${issuer.url}${discoveryPath}: no answer within 200 ms.`,
    );
  });

  it('gives up on a body that stalls half way', async () => {
    const issuer = await startIssuer(() => ({
      [discoveryPath]: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"jwks_uri": "http://');
      },
    }));
    const error = await failure(createIssuerKeyFetcher({ timeoutMs: 200 })(issuer.url));
    expect(error.code).toBe('ERR_ISSUER_UNREACHABLE');
    expect(error.message).toContain('no answer within 200 ms');
  });

  it('stops reading a body that grows past maxBytes, with or without Content-Length', async () => {
    const issuer = await startIssuer((baseUrl) => ({
      [discoveryPath]: json({ jwks_uri: `${baseUrl}/endless` }),
      // No Content-Length, and no end: only counting the bytes read can stop this.
      '/endless': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"keys": [');
        const timer = setInterval(() => response.write(`${JSON.stringify(signingKey)},`), 5);
        response.on('close', () => clearInterval(timer));
      },
      [`/declared${discoveryPath}`]: (_request, response) => {
        const body = JSON.stringify({ keys: Array.from({ length: 100 }, () => signingKey) });
        response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
      },
    }));
    const endless = await failure(createIssuerKeyFetcher({ maxBytes: 4096 })(issuer.url));
    expect(endless.code).toBe('ERR_ISSUER_INVALID');
    expect(endless.message).toBe(`The key set at ${issuer.url}/endless is larger than 4 KiB.`);

    const declared = await failure(
      createIssuerKeyFetcher({ maxBytes: 1000 })(`${issuer.url}/declared${discoveryPath}`),
    );
    expect(declared.message).toBe(
      `The discovery document at ${issuer.url}/declared${discoveryPath} is larger than 1000 bytes.`,
    );
  });

  it('reports content that is not a discovery document or key set', async () => {
    const issuer = await startIssuer((baseUrl) => ({
      [`/html${discoveryPath}`]: (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
      [`/nokeys${discoveryPath}`]: json({ issuer: baseUrl }),
      [`/emptyset${discoveryPath}`]: json({ jwks_uri: `${baseUrl}/emptyset/jwks` }),
      '/emptyset/jwks': json({ key: [] }),
      [`/file${discoveryPath}`]: json({ jwks_uri: 'file:///etc/passwd' }),
    }));
    const fetchKeys = createIssuerKeyFetcher();
    const cases: [string, string][] = [
      ['html', `The discovery document at ${issuer.url}/html${discoveryPath} is not JSON.`],
      ['nokeys', `The discovery document at ${issuer.url}/nokeys${discoveryPath} has no jwks_uri.`],
      ['emptyset', `The key set at ${issuer.url}/emptyset/jwks has no keys array.`],
      ['file', `The jwks_uri of ${issuer.url}/file${discoveryPath} must be an http or https URL.`],
    ];
    for (const [path, message] of cases) {
      const error = await failure(fetchKeys(`${issuer.url}/${path}`));
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'ERR_ISSUER_INVALID',
        message,
      });
    }
  });

  it('reports an error status as unreachable', async () => {
    const issuer = await startIssuer(() => ({
      [discoveryPath]: (_request, response) => response.writeHead(500).end('oops'),
    }));
    const error = await failure(createIssuerKeyFetcher()(issuer.url));
    expect(error.code).toBe('ERR_ISSUER_UNREACHABLE');
    expect(error.message).toBe(
      `Could not fetch the discovery document at ${issuer.url}${discoveryPath}: the server answered HTTP 500.`,
    );
  });

  it('refuses redirects', async () => {
    const issuer = await startIssuer((baseUrl) => ({
      [discoveryPath]: (_request, response) =>
        response.writeHead(302, { location: `${baseUrl}/elsewhere` }).end(),
      '/elsewhere': json({ jwks_uri: `${baseUrl}/jwks` }),
    }));
    const error = await failure(createIssuerKeyFetcher()(issuer.url));
    expect(error.code).toBe('ERR_ISSUER_UNREACHABLE');
    expect(error.message).toContain('redirects are not followed');
    expect(issuer.requests).toEqual([discoveryPath]);
  });

  it('reports a refused connection as unreachable', async () => {
    const issuer = await startIssuer(standardRoutes);
    const closed = servers.pop();
    await new Promise((resolve) => closed?.close(resolve));
    const error = await failure(createIssuerKeyFetcher()(issuer.url));
    expect(error.code).toBe('ERR_ISSUER_UNREACHABLE');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('accepts only plain http(s) issuer URLs', async () => {
    const fetchKeys = createIssuerKeyFetcher();
    const cases: [string, string][] = [
      ['not a url', 'The issuer URL is not an absolute URL.'],
      ['ftp://issuer.example', 'The issuer URL must be an http or https URL.'],
      [
        'https://user:pw@issuer.example',
        'The issuer URL must not contain a user name or password.',
      ],
      [
        'https://issuer.example/?tenant=1',
        'The issuer URL https://issuer.example/?tenant=1 must not have a query or fragment.',
      ],
    ];
    for (const [url, message] of cases) {
      const error = await failure(fetchKeys(url));
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'ERR_ISSUER_INVALID',
        message,
      });
    }
  });
});
