import { hash, randomBytes } from 'node:crypto';
import type { ClientRecord } from '../core/oauth/directory';

/**
 * Confidential clients that authenticated lately, by exactly the credentials they presented.
 * A resource server introspecting on every request sends the same Authorization header every
 * time; remembering what it proved spares the Basic decoding and the secret's HMAC.
 */
export interface CredentialCache {
  /** The client these exact credentials authenticated, as long as its record is unchanged. */
  get(credentials: string): ClientRecord | undefined;
  /** Remembers credentials that just authenticated `client`, forgetting the oldest when full. */
  remember(credentials: string, client: ClientRecord): void;
}

/** Clients the directory holds; a changed client is a new record object. */
export interface CurrentClients {
  client(clientId: string): ClientRecord | undefined;
}

const defaultMaxEntries = 1_024;

/**
 * Entries are keyed by the SHA-256 of a random per-process key followed by the credentials. The
 * map holds no secret and nothing a secret can be recovered from: without the key (kept in a
 * Buffer's backing store, outside the JS heap and its snapshots, as the directory keeps its HMAC
 * key) a digest cannot even be tested against a guessed secret. The string comparison inside a
 * Map look-up only ever compares digests, so its timing says nothing about a secret. A hit counts
 * only while the directory still holds the very record that authenticated: any change of the
 * client, its secret included, replaces the record, and the old credentials go back to a full
 * check. One-shot hashing rather than an HMAC object, which cost twice as much in a profile.
 */
export function createCredentialCache(
  clients: CurrentClients,
  maxEntries = defaultMaxEntries,
): CredentialCache {
  const entries = new Map<string, ClientRecord>();
  const hashKey = randomBytes(32);
  const keyOf = (credentials: string) =>
    hash('sha256', Buffer.concat([hashKey, Buffer.from(credentials, 'utf8')]), 'base64url');
  return {
    get(credentials) {
      const key = keyOf(credentials);
      const client = entries.get(key);
      if (client === undefined) return undefined;
      if (clients.client(client.clientId) === client) return client;
      entries.delete(key);
      return undefined;
    },
    remember(credentials, client) {
      const key = keyOf(credentials);
      entries.delete(key);
      entries.set(key, client);
      // Oldest first (insertion order): many distinct valid credentials cannot grow the map.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
