import type { IncomingMessage } from 'node:http';
import type { ClientRecord, Directory } from '../core/oauth/directory';
import { createCredentialCache } from './credential-cache';
import { OAuthError, invalidRequest } from './oauth-error';
import type { Params } from './request-params';

/** Who may call an endpoint. */
export interface ClientAuthOptions {
  /** Whether a public client, identified by client_id alone, is accepted (token, revoke). */
  readonly allowPublic: boolean;
}

/** Credentials from an `Authorization: Basic` header, or why there are none usable. */
type BasicCredentials = { readonly id: string; readonly secret: string } | 'malformed';

const realm = 'Basic realm="tessera", charset="UTF-8"';

/** Authenticates the clients calling the endpoints. */
export interface ClientAuthenticator {
  /**
   * The client making a request (RFC 6749 §2.3): `client_secret_basic`, `client_secret_post`,
   * or, for public clients where allowed, `none` (client_id alone). Exactly one method per
   * request.
   */
  authenticate(
    request: IncomingMessage,
    params: Params,
    options: ClientAuthOptions,
  ): Promise<ClientRecord>;
}

/**
 * Client records come from memory and a secret that verified before is checked with one HMAC,
 * so authenticating costs no query; credentials presented exactly as before cost one SHA-256.
 */
export function createClientAuthenticator(directory: Directory): ClientAuthenticator {
  const cache = createCredentialCache(directory);
  return {
    async authenticate(request, params, options) {
      const header = request.headers.authorization;
      const credentials = presented(header, params);
      const known = credentials === undefined ? undefined : cache.get(credentials);
      // Basic credentials seen before say nothing about the form: it may still be at odds.
      if (known && (header === undefined || basicAgrees(params, known.clientId))) return known;
      const client = await authenticateFully(header, params, directory, options);
      if (credentials !== undefined && client.kind === 'confidential') {
        cache.remember(credentials, client);
      }
      return client;
    },
  };
}

/** The credentials as presented, in one string per method; undefined when there is no secret. */
function presented(header: string | undefined, params: Params): string | undefined {
  if (header !== undefined) return `basic ${header}`;
  const { client_id: clientId, client_secret: secret } = params;
  if (clientId === undefined || secret === undefined) return undefined;
  // The id's length keeps the id and the secret apart whatever characters they hold.
  return `post ${clientId.length} ${clientId} ${secret}`;
}

/** Whether the form neither adds a secret to Basic nor names another client. */
function basicAgrees(params: Params, clientId: string): boolean {
  return (
    params.client_secret === undefined &&
    (params.client_id === undefined || params.client_id === clientId)
  );
}

async function authenticateFully(
  header: string | undefined,
  params: Params,
  directory: Directory,
  options: ClientAuthOptions,
): Promise<ClientRecord> {
  const basic = header === undefined ? undefined : parseBasic(header);
  const invalidClient = (description: string) =>
    new OAuthError(
      'invalid_client',
      description,
      401,
      header === undefined ? {} : { 'WWW-Authenticate': realm },
    );
  if (basic === 'malformed') {
    throw invalidClient('The Authorization header is not valid client_secret_basic credentials.');
  }
  if (basic && params.client_secret !== undefined) {
    throw invalidRequest('Use one client authentication method: not both Basic and client_secret.');
  }
  if (basic && params.client_id !== undefined && params.client_id !== basic.id) {
    throw invalidRequest('client_id: differs from the client in the Authorization header.');
  }
  const clientId = basic?.id ?? params.client_id;
  if (clientId === undefined) throw invalidClient('Client authentication is required.');
  const secret = basic ? basic.secret : params.client_secret;
  const client = directory.client(clientId);
  if (!client) throw invalidClient('Client authentication failed.');
  if (client.kind === 'public') {
    if (secret !== undefined && secret !== '') {
      throw invalidClient('Client authentication failed: a public client has no secret.');
    }
    if (!options.allowPublic) {
      throw invalidClient('This endpoint is for confidential clients, which authenticate.');
    }
    return client;
  }
  if (secret === undefined || secret === '') {
    throw invalidClient('Client authentication failed: this client must send its secret.');
  }
  if (!(await directory.authenticateClient(client, secret))) {
    throw invalidClient('Client authentication failed.');
  }
  return client;
}

/**
 * RFC 6749 §2.3.1: the id and the secret are each form-urlencoded, then joined by a colon and
 * base64-encoded. Decoding is the reverse: split at the first colon, then form-urldecode.
 */
function parseBasic(header: string): BasicCredentials {
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  const id = formUrlDecode(decoded.slice(0, colon));
  const secret = formUrlDecode(decoded.slice(colon + 1));
  if (id === undefined || secret === undefined || id === '') return 'malformed';
  return { id, secret };
}

function formUrlDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
