/**
 * Tessera's token service for the HTTP benchmarks, in a process of its own, composed as
 * `main/serve.ts` composes it: the production issuer server (`startIssuerServer`, which listens
 * with `listen(port, host, cb)`, i.e. Node's default backlog of 511), `createCore` on a fresh
 * data folder (SQLite WAL, `synchronous = FULL`), the config file applied with `applyConfig`,
 * and `createOAuthRoutes` attached. Only the admin console's host is left out: it listens on
 * another port and idles.
 *
 * Setup, before the suite sends any load:
 *
 * 1. The policy's refresh limits are raised to their maxima (1,000,000 per client per second,
 *    100,000 per session per minute). The defaults (5,000 and 30) would refuse the load itself:
 *    a chain is refreshed many times a second. The limiter still runs on every refresh,
 *    including its per-session look-up.
 * 2. A few logins are completed through the real endpoints, as a browser and an app would:
 *    GET /authorize, POST the login form, POST /token (authorization_code with PKCE), then one
 *    refresh through POST /token. They are timed, and their chains are the first ones used.
 * 3. The other chains are minted with the core's `tokens.login`, what the token endpoint itself
 *    calls once a login is complete: thousands of logins through the login form would take
 *    minutes (each costs ~80 ms, most of it the password's scrypt) and yield the same rows.
 *    The distinct access tokens for cold introspection come from `tokens.issueClientToken`
 *    (the client_credentials path): signed and verified like a user's, without session rows.
 *
 * Child entry: `--data-dir <dir> --config <file> --tokens-file <file> --chains <n> --cold <n>
 * --real-logins <n>`.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../../main/core/oauth/config-file';
import { openStore } from '../../main/core/store/open-store';
import { authorizationRequest } from '../../main/demo/authorization-request';
import { logInAs } from '../../main/demo/login-form';
import { startTokenService } from '../../main/http/start-token-service';
import { failStart, serveCommands } from './server-process';

/** The clients and the user the suite's config file declares. */
export const tesseraClients = {
  web: {
    id: 'bench-web',
    secret: 'bench-web-secret-0123456789abcdef',
    redirectUri: 'http://127.0.0.1:9/callback',
  },
  /** A resource server: introspects, never logs anyone in. */
  api: { id: 'bench-api', secret: 'bench-api-secret-0123456789abcdef' },
} as const;

export const tesseraUser = { username: 'bench-user', password: 'bench correct horse battery' };

/** The config file the suite writes for this server (the `--config` format of serve.ts). */
export const tesseraConfig = {
  $comment: 'Written by bench/http.bench.ts for one benchmark run.',
  clients: [
    {
      clientId: tesseraClients.web.id,
      name: 'Bench web app',
      kind: 'confidential',
      secret: tesseraClients.web.secret,
      redirectUris: [tesseraClients.web.redirectUri],
    },
    {
      clientId: tesseraClients.api.id,
      name: 'Bench resource server',
      kind: 'confidential',
      secret: tesseraClients.api.secret,
      grantTypes: ['client_credentials'],
      allowedScope: '',
    },
  ],
  users: [
    { username: tesseraUser.username, displayName: 'Bench User', password: tesseraUser.password },
  ],
};

export const tesseraPaths = { token: '/token', introspect: '/introspect' } as const;

/** What the server announces when it serves. */
export interface TesseraReady {
  readonly url: string;
  readonly port: number;
  readonly tokensFile: string;
  /** Wall time of each login completed through the real endpoints (authorize → token). */
  readonly realLoginMs: readonly number[];
  readonly mintMs: number;
  readonly synchronous: number;
}

/** Written to the tokens file. */
export interface TesseraTokens {
  /** One refresh-token chain per entry; the first ones come from real logins. */
  readonly chains: readonly string[];
  /** One access token introspected over and over (a cache hit after the first). */
  readonly hot: string;
  /** Distinct access tokens, each introspected at most once (verification, no cache hit). */
  readonly cold: readonly string[];
}

const scope = 'openid offline_access';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      'tokens-file': { type: 'string' },
      chains: { type: 'string', default: '100' },
      cold: { type: 'string', default: '0' },
      'real-logins': { type: 'string', default: '2' },
    },
  });
  const dataDir = values['data-dir'];
  const configFile = values.config;
  const tokensFile = values['tokens-file'];
  if (!dataDir || !configFile || !tokensFile) {
    throw new Error('--data-dir, --config and --tokens-file are required.');
  }
  const chainCount = Number(values.chains);
  const coldCount = Number(values.cold);
  const realLogins = Math.max(1, Number(values['real-logins']));

  // createCore does not hand its store out; this checks the function it opens it with.
  const probe = openStore({ file: join(dataDir, 'probe.db') });
  const synchronous = Number(probe.db.pragma('synchronous', { simple: true }));
  const journal = String(probe.db.pragma('journal_mode', { simple: true }));
  probe.close();
  if (synchronous !== 2 || journal !== 'wal') {
    throw new Error(
      `openStore gives journal ${journal}, synchronous ${synchronous}, not WAL + FULL.`,
    );
  }

  // Composed as serve.ts composes it.
  const { core, server: issuerServer } = await startTokenService({
    port: 0,
    core: {
      dataDir: join(dataDir, 'data'),
      version: 'bench',
      env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
      keychain: null,
      log: (line) => console.error(`[tessera] ${line}`),
      logError: (message, error) => console.error(`[tessera] ${message}:`, error),
    },
    config: loadConfigFile(configFile),
  });
  const unavailable = core.tokens.unavailableReason();
  if (unavailable) throw new Error(`Tessera cannot issue tokens: ${unavailable}`);

  const admin = { role: 'admin', name: 'http benchmark' } as const;
  const current = await core.dispatch('policy.get', {}, admin);
  if (!current.ok) throw new Error(`policy.get failed: ${current.error.message}`);
  const { policy } = current.value as { policy: Record<string, unknown> };
  const changed = await core.dispatch(
    'policy.set',
    {
      policy: {
        ...policy,
        clientRefreshesPerSecond: 1_000_000,
        sessionRefreshesPerMinute: 100_000,
      },
    },
    admin,
  );
  if (!changed.ok) throw new Error(`policy.set failed: ${changed.error.message}`);

  const url = issuerServer.url;
  const realLoginMs: number[] = [];
  const chains: string[] = [];
  let hot = '';
  for (let index = 0; index < realLogins; index += 1) {
    const started = performance.now();
    const issued = await loginThroughEndpoints(url);
    realLoginMs.push(performance.now() - started);
    // One refresh through the real endpoint too: the chain continues from its successor.
    const refreshed = await postForm(url, tesseraPaths.token, {
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
    });
    chains.push(refreshed.refresh_token);
    if (index === 0) hot = refreshed.access_token;
  }

  const mintStarted = performance.now();
  const batch = 256;
  const inBatches = async <T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> => {
    const made: T[] = [];
    for (let start = 0; start < count; start += batch) {
      const size = Math.min(batch, count - start);
      made.push(
        ...(await Promise.all(Array.from({ length: size }, (_, offset) => make(start + offset)))),
      );
    }
    return made;
  };
  const logins = await inBatches(Math.max(0, chainCount - chains.length), (index) =>
    core.tokens.login({
      userId: `user-${String(index).padStart(6, '0')}`,
      clientId: tesseraClients.web.id,
      scope,
    }),
  );
  for (const issued of logins) {
    if (issued.refreshToken === null) throw new Error('The policy did not issue a refresh token.');
    chains.push(issued.refreshToken);
  }
  // Access tokens of the client itself: verified exactly as a user's are, and minting them
  // adds no session rows (80,000 logins would grow the database the refresh rounds write to).
  const cold = (
    await inBatches(coldCount, () =>
      core.tokens.issueClientToken({ clientId: tesseraClients.web.id, scope }),
    )
  ).map((issued) => issued.accessToken);
  const mintMs = performance.now() - mintStarted;
  const tokens: TesseraTokens = { chains, hot, cold };
  writeFileSync(tokensFile, JSON.stringify(tokens));

  const ready: TesseraReady = {
    url,
    port: Number(new URL(url).port),
    tokensFile,
    realLoginMs,
    mintMs,
    synchronous,
  };
  serveCommands({}).ready(ready);
}

interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token: string;
}

const basic = (id: string, secret: string) => {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
};

async function postForm(
  url: string,
  path: string,
  form: Record<string, string>,
): Promise<TokenResponse> {
  const response = await fetch(new URL(path, url), {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { authorization: basic(tesseraClients.web.id, tesseraClients.web.secret) },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as TokenResponse;
}

/**
 * A login as a browser and an app complete it: the authorization request (PKCE S256), the
 * login form posted with its hidden fields and cookie, the redirect's code exchanged at /token.
 */
async function loginThroughEndpoints(url: string): Promise<TokenResponse> {
  const { url: authorize, verifier } = authorizationRequest(url, {
    clientId: tesseraClients.web.id,
    redirectUri: tesseraClients.web.redirectUri,
    scope,
  });
  const callback = await logInAs(authorize, tesseraUser);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`The login redirected without a code: ${callback.search}`);
  return postForm(url, tesseraPaths.token, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: tesseraClients.web.redirectUri,
    code_verifier: verifier,
  });
}

if (process.send && /tessera-server\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  main().catch(failStart);
}
