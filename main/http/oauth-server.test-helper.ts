import { randomBytes } from 'node:crypto';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Caller } from '../core/caller';
import type { Core } from '../core/core';
import { parseConfig } from '../core/oauth/config-file';
import { logInAs } from './login-flow.test-helper';
import { startTokenService } from './start-token-service';

/** The app that logs users in through the browser: confidential, with refresh tokens. */
export const web = {
  clientId: 'web',
  secret: 'web-secret-0123456789abcdef',
  redirectUri: 'http://127.0.0.1:9/callback',
} as const;

/** A browser app (public client) with a CORS origin. */
export const spa = {
  clientId: 'spa',
  origin: 'http://127.0.0.1:5173',
  redirectUri: 'http://127.0.0.1:5173/cb',
} as const;

/** A machine client whose id and secret both need RFC 6749 §2.3.1 encoding inside Basic. */
export const reports = {
  clientId: 'svc:reports',
  secret: ` p@ss:w0rd+/=&%"\\ x~!'()*`,
} as const;

/** A downstream service that reports logins. */
export const billing = {
  clientId: 'billing',
  secret: 'billing-secret-0123456789',
} as const;

export const maria = { username: 'maria', password: 'correct horse battery' } as const;

export const admin: Caller = { role: 'admin', name: 'test' };
export const support: Caller = { role: 'support', name: 'test' };

/** The declarations every test server starts with, applied as a config file would be. */
export const testConfig = {
  clients: [
    {
      clientId: web.clientId,
      name: 'Web app',
      kind: 'confidential',
      secret: web.secret,
      redirectUris: [web.redirectUri],
    },
    {
      clientId: spa.clientId,
      name: 'Single-page app',
      kind: 'public',
      redirectUris: [spa.redirectUri],
      corsOrigins: [spa.origin],
    },
    {
      clientId: reports.clientId,
      name: 'Reports job',
      kind: 'confidential',
      secret: reports.secret,
      grantTypes: ['client_credentials'],
      allowedScope: 'reports.read reports.write',
    },
  ],
  services: [
    {
      clientId: billing.clientId,
      name: 'Billing',
      secret: billing.secret,
      backchannelLogoutUri: 'http://127.0.0.1:9/backchannel-logout',
    },
  ],
  users: [{ username: maria.username, displayName: 'Maria Garcia', password: maria.password }],
};

const running: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

/** A real core on a temporary data folder behind the real issuer server on 127.0.0.1. */
export async function startTessera(): Promise<{
  url: string;
  core: Core;
  dbFile: string;
  errors: unknown[];
}> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-http-'));
  const errors: unknown[] = [];
  const { core, server, close } = await startTokenService({
    port: 0,
    core: {
      dataDir: join(dir, 'data'),
      version: 'test',
      env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
      keychain: null,
      log: () => {},
      logError: (_message, error) => errors.push(error),
    },
    config: parseConfig(JSON.stringify(testConfig), 'test'),
  });
  running.push(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: server.url, core, dbFile: join(dir, 'data', 'tessera.db'), errors };
}

export { submitLogin } from './login-flow.test-helper';

/** Logs in (as maria unless told otherwise) and returns the app's callback URL. */
export function logIn(
  authorizeUrl: URL,
  credentials: { username: string; password: string } = maria,
): Promise<URL> {
  return logInAs(authorizeUrl, credentials);
}

/** A request with full control of its target and headers (Host, Origin), over node:http. */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    /** The request target exactly as sent, instead of the URL's path. */
    path?: string;
    headers?: OutgoingHttpHeaders;
    body?: string | Buffer;
  } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      ...(options.path === undefined ? {} : { path: options.path }),
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(options.body);
  });
}

/** `Authorization: Basic` for a client, encoded as RFC 6749 §2.3.1 says. */
export function basic(clientId: string, secret: string): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}
