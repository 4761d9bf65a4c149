/**
 * The peer: oidc-provider 9 (Koa under node:http), configured minimally for the two comparisons.
 *
 * - Clients: `bench-web` (confidential, `client_secret_basic`, authorization_code + refresh_token)
 *   and `bench-api` (confidential, `client_secret_basic`, a resource server that introspects).
 * - Refresh: `rotateRefreshToken: true` (its default rotates a confidential client's token only
 *   after 70 % of its lifetime, which would not be a rotation benchmark), and every refresh
 *   issues an ES256-signed JWT access token (RFC 9068) for the resource `api://default`, as
 *   Tessera's does. The refresh tokens' scope has no `openid`, so neither side issues an ID token.
 * - Introspection: oidc-provider refuses to introspect JWT access tokens (its
 *   `rejectStructuredTokens`), so the introspected token is an OPAQUE access token (no resource
 *   server), looked up in the adapter on every request. Tessera introspects its JWTs; the figures
 *   are compared as "each server's own access token", not as the same work.
 * - Adapter: a plain Map, no eviction. Its default in-memory adapter is an LRU of 1,000 entries
 *   that drops live tokens of many concurrent rotation chains (and recomputes a grant's member
 *   list on every save). Nothing is written to disk: oidc-provider's refreshes here are not
 *   durable, Tessera's are (WAL, synchronous = FULL). That favours the peer.
 *
 * Initial tokens are minted in a setup step before the suite sends any load, through the
 * provider's own models (`Grant`, `RefreshToken`, `AccessToken` → `save()` through the adapter),
 * exactly what its authorization_code grant stores: driving its login and consent interactions
 * for thousands of chains would only slow the setup, and the tokens would be the same records.
 *
 * Child entry: `--tokens-file <path> --chains <n> --opaque <n>`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { failStart, serveCommands } from './server-process';

/** What the peer announces when it serves. */
export interface PeerReady {
  readonly url: string;
  readonly port: number;
  readonly tokensFile: string;
  readonly mintMs: number;
  readonly version: string;
}

/** Written to the tokens file: one rotation chain per entry, and opaque access tokens. */
export interface PeerTokens {
  readonly chains: readonly string[];
  readonly opaque: readonly string[];
}

export const peerClients = {
  web: { id: 'bench-web', secret: 'bench-web-secret-0123456789abcdef' },
  api: { id: 'bench-api', secret: 'bench-api-secret-0123456789abcdef' },
} as const;

export const peerPaths = { token: '/token', introspect: '/token/introspection' } as const;

const resource = 'api://default';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string };

/** oidc-provider's adapter contract over plain Maps: nothing is evicted before it expires. */
class MapAdapter {
  static readonly entries = new Map<string, { payload: Payload; expiresAtMs: number }>();
  static readonly byGrant = new Map<string, Set<string>>();
  static readonly byUid = new Map<string, string>();
  static readonly byUserCode = new Map<string, string>();

  constructor(private readonly model: string) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    const expiresAtMs = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
    MapAdapter.entries.set(key, { payload, expiresAtMs });
    if (payload.grantId) {
      let members = MapAdapter.byGrant.get(payload.grantId);
      if (!members) MapAdapter.byGrant.set(payload.grantId, (members = new Set()));
      members.add(key);
    }
    if (payload.uid) MapAdapter.byUid.set(payload.uid, id);
    if (payload.userCode) MapAdapter.byUserCode.set(payload.userCode, id);
  }

  async find(id: string): Promise<Payload | undefined> {
    const key = this.key(id);
    const entry = MapAdapter.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= Date.now()) {
      MapAdapter.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    const id = MapAdapter.byUid.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    const id = MapAdapter.byUserCode.get(userCode);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id: string): Promise<void> {
    const entry = MapAdapter.entries.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    const key = this.key(id);
    const entry = MapAdapter.entries.get(key);
    MapAdapter.entries.delete(key);
    if (entry?.payload.grantId) MapAdapter.byGrant.get(entry.payload.grantId)?.delete(key);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of MapAdapter.byGrant.get(grantId) ?? []) MapAdapter.entries.delete(key);
    MapAdapter.byGrant.delete(grantId);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'tokens-file': { type: 'string' },
      chains: { type: 'string', default: '100' },
      opaque: { type: 'string', default: '1' },
    },
  });
  const tokensFile = values['tokens-file'];
  if (!tokensFile) throw new Error('--tokens-file is required.');
  const chainCount = Number(values.chains);
  const opaqueCount = Number(values.opaque);

  const { default: Provider } = await import('oidc-provider');
  const { version } = (await import('oidc-provider/package.json', { with: { type: 'json' } }))
    .default;

  // Listen first: the issuer is the listener's URL. Node's default backlog, as Tessera's.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const signingKey = {
    ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
    kid: 'bench-es256',
    alg: 'ES256',
    use: 'sig',
  };
  const day = 86_400;
  const provider = new Provider(url, {
    adapter: MapAdapter,
    clients: [
      {
        client_id: peerClients.web.id,
        client_secret: peerClients.web.secret,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1:9/callback'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      {
        client_id: peerClients.api.id,
        client_secret: peerClients.api.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx: unknown, accountId: string) => ({
      accountId,
      claims: () => ({ sub: accountId }),
    }),
    scopes: ['openid', 'offline_access'],
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 15 * 60,
      AuthorizationCode: 60,
      ClientCredentials: 15 * 60,
      IdToken: 15 * 60,
      Interaction: 60 * 60,
      Session: 14 * day,
      Grant: 30 * day,
      RefreshToken: 14 * day,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api:read',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 15 * 60,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  // Errors a client caused are answered by the provider; nothing to log per request.
  server.on('request', provider.callback());

  const started = performance.now();
  const client = await provider.Client.find(peerClients.web.id);
  if (!client) throw new Error('oidc-provider does not know the bench client.');
  const authTime = Math.floor(Date.now() / 1000);
  const newGrant = async (accountId: string) => {
    const grant = new provider.Grant({ accountId, clientId: peerClients.web.id });
    grant.addOIDCScope('openid offline_access');
    grant.addResourceScope(resource, 'api:read');
    return grant.save();
  };
  const chains: string[] = [];
  for (let index = 0; index < chainCount; index += 1) {
    const accountId = `user-${String(index).padStart(6, '0')}`;
    const grantId = await newGrant(accountId);
    const refreshToken = new provider.RefreshToken({
      accountId,
      client,
      grantId,
      gty: 'authorization_code',
      scope: 'offline_access api:read',
      resource,
      authTime,
      expiresWithSession: false,
      rotations: 0,
    });
    chains.push(await refreshToken.save());
  }
  const opaque: string[] = [];
  for (let index = 0; index < opaqueCount; index += 1) {
    const accountId = `reader-${String(index).padStart(6, '0')}`;
    const grantId = await newGrant(accountId);
    // No resource server: the provider's opaque format, which it introspects.
    const accessToken = new provider.AccessToken({
      accountId,
      client,
      grantId,
      gty: 'authorization_code',
      scope: 'openid offline_access',
    });
    opaque.push(await accessToken.save());
  }
  const tokens: PeerTokens = { chains, opaque };
  writeFileSync(tokensFile, JSON.stringify(tokens));
  const ready: PeerReady = {
    url,
    port,
    tokensFile,
    mintMs: performance.now() - started,
    version,
  };
  serveCommands({ entries: () => MapAdapter.entries.size }).ready(ready);
}

if (process.send && /oidc-provider-peer\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  main().catch(failStart);
}
