import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type {
  ClientDto,
  ClientKind,
  CreatedClientDto,
  GrantType,
  UserDto,
  clientFieldsSchema,
  createClientInputSchema,
  createUserInputSchema,
} from '../../../shared/contract/directory';
import { grantTypes } from '../../../shared/contract/directory';
import type { Clock } from '../clock';
import type { RecordedCommit } from '../events/recorded-commit';
import { TesseraError } from '../tessera-error';
import { quoteForMessage } from '../tokens/quote-for-message';
import { createClientRows, type ClientRow } from './client-rows';
import { decoyHash, hashSecret, verifySecret } from './secret-hash';
import { createUserRows, type UserRow } from './user-rows';

const rejectionMemoryMs = 60_000;
const maxRejections = 10_000;

/** A client as the endpoints use it: parsed once, held in memory. */
export interface ClientRecord {
  readonly clientId: string;
  readonly name: string;
  readonly kind: ClientKind;
  readonly secretHash: string | null;
  readonly redirectUris: readonly string[];
  readonly backchannelLogoutUri: string | null;
  readonly grantTypes: ReadonlySet<GrantType>;
  readonly corsOrigins: readonly string[];
  readonly allowedScope: ReadonlySet<string>;
  readonly createdMs: number;
}

/** A local user who has just proved their password. */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
}

/** A client's fields with its secret in plain (as a config file declares it), or null. */
export type ClientDeclaration = z.output<typeof clientFieldsSchema> & {
  readonly secret: string | null;
};

/** A user's fields with the password in plain (as a config file or the console gives it). */
export type UserDeclaration = z.output<typeof createUserInputSchema>;

/** What an upsert did. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Clients and local users. Every client is held in memory (a handful to a few hundred rows), so
 * authenticating a caller costs no query; the map is replaced entry by entry after each commit
 * that changes a client, and this object is the only writer of the table.
 *
 * Secrets and passwords are stored only as scrypt hashes. Checking one costs tens of
 * milliseconds, too much for a resource server introspecting on every request, so the HMAC
 * (under a key that lives only in this process) of the last secret that verified is remembered
 * per client: the same secret then verifies with one HMAC and a constant-time comparison. The
 * memory holds no secret and nothing a secret can be recovered from.
 */
export function createDirectory(deps: {
  db: Database.Database;
  commits: RecordedCommit;
  clock: Clock;
}) {
  const { commits, clock } = deps;
  const clientRows = createClientRows(deps.db);
  const userRows = createUserRows(deps.db);
  const clients = new Map<string, ClientRecord>();
  for (const row of clientRows.all()) clients.set(row.client_id, toRecord(row));
  const macKey = createSecretKey(randomBytes(32));
  const verified = new Map<string, Buffer>();
  let derived: { origins: ReadonlySet<string>; scopes: readonly string[] } | null = null;

  const mac = (secret: string): Buffer => createHmac('sha256', macKey).update(secret).digest();
  /** Secret checks in progress, by client and HMAC of the presented secret. */
  const checking = new Map<string, Promise<boolean>>();
  /**
   * Secrets that failed lately, same keys, with when the memory ends: a client retrying with a
   * wrong secret (a misconfigured service in a loop) costs one scrypt a minute, not one a request.
   * A minute of real time (the thread pool's), not of the demo's fast clock.
   */
  const rejected = new Map<string, number>();

  const rememberRejection = (key: string) => {
    rejected.delete(key);
    rejected.set(key, performance.now() + rejectionMemoryMs);
    // Oldest first (insertion order): a flood of distinct wrong secrets cannot grow the map.
    if (rejected.size > maxRejections) rejected.delete(rejected.keys().next().value!);
  };

  /** After a commit that wrote `row`: the cache learns it, and what was verified is forgotten. */
  const cache = (row: ClientRow): ClientRecord => {
    const record = toRecord(row);
    clients.set(record.clientId, record);
    verified.delete(record.clientId);
    // A secret refused before may be the new one.
    for (const key of rejected.keys())
      if (key.startsWith(`${record.clientId}\0`)) rejected.delete(key);
    derived = null;
    return record;
  };

  const derive = () => {
    derived ??= {
      origins: new Set(
        [...clients.values()]
          .filter((client) => client.kind === 'public')
          .flatMap((client) => client.corsOrigins),
      ),
      scopes: [
        ...new Set([...clients.values()].flatMap((client) => [...client.allowedScope])),
      ].sort(),
    };
    return derived;
  };

  const userDto = (row: UserRow): UserDto => ({
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    createdMs: row.created_ms,
  });

  return {
    /** A client by id, from memory; undefined if unknown. */
    client: (clientId: string): ClientRecord | undefined => clients.get(clientId),

    /** Origins of public clients that may call the token and revocation endpoints from a page. */
    corsOrigins: (): ReadonlySet<string> => derive().origins,

    /** Every scope some client may ask for, for discovery. */
    scopes: (): readonly string[] => derive().scopes,

    /** Whether `secret` is the client's; always false for a client without a secret. */
    async authenticateClient(client: ClientRecord, secret: string): Promise<boolean> {
      if (client.secretHash === null) return false;
      const presented = mac(secret);
      const known = verified.get(client.clientId);
      if (known && timingSafeEqual(known, presented)) return true;
      // Concurrent first requests with the same secret share one scrypt: each costs 32 MiB and a
      // thread-pool slot that token signing also needs.
      const key = `${client.clientId}\0${presented.toString('base64')}`;
      if ((rejected.get(key) ?? 0) > performance.now()) return false;
      let check = checking.get(key);
      if (!check) {
        check = verifySecret(secret, client.secretHash).finally(() => checking.delete(key));
        checking.set(key, check);
      }
      const ok = await check;
      // Remembered only if the client was not changed while scrypt ran.
      if (clients.get(client.clientId) !== client) return ok;
      if (ok) verified.set(client.clientId, presented);
      else rememberRejection(key);
      return ok;
    },

    listClients: (): ClientDto[] =>
      [...clients.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)).map(toDto),

    /** Registers a client; a confidential client's secret is generated and returned this once. */
    async createClient(
      input: z.output<typeof createClientInputSchema>,
      by: string,
    ): Promise<CreatedClientDto> {
      const clientId = input.clientId ?? `c-${randomBytes(12).toString('base64url')}`;
      const secret = input.kind === 'confidential' ? randomBytes(32).toString('base64url') : null;
      const row: ClientRow = {
        ...toColumns({ ...input, clientId }),
        secret_hash: secret === null ? null : await hashSecret(secret),
        created_ms: clock.nowMs(),
      };
      const { value: created } = await commits.run((effects) => {
        if (clientRows.get(clientId)) return false;
        clientRows.insert(row);
        effects.emit('client.created', { clientId, kind: row.kind, by, updated: false });
        return true;
      });
      if (!created) {
        throw new TesseraError(
          'ERR_CLIENT_EXISTS',
          `There is already a client ${quoteForMessage(clientId)}.`,
        );
      }
      return { client: toDto(cache(row)), clientSecret: secret };
    },

    /** Creates or replaces a client as declared (the config file); unchanged rows stay as they are. */
    async upsertClient(input: ClientDeclaration, by: string): Promise<UpsertOutcome> {
      const existing = clientRows.get(input.clientId);
      // A secret that still matches keeps its hash (and salt): restarts rewrite nothing.
      const keep =
        input.secret !== null &&
        existing?.secret_hash != null &&
        (await verifySecret(input.secret, existing.secret_hash));
      const row: ClientRow = {
        ...toColumns(input),
        secret_hash: keep
          ? existing!.secret_hash
          : input.secret === null
            ? null
            : await hashSecret(input.secret),
        created_ms: existing?.created_ms ?? clock.nowMs(),
      };
      if (existing && sameRow(existing, row)) return 'unchanged';
      const { value: outcome } = await commits.run((effects): UpsertOutcome => {
        const updated = clientRows.get(row.client_id) !== undefined;
        if (updated) clientRows.update(row);
        else clientRows.insert(row);
        effects.emit('client.created', { clientId: row.client_id, kind: row.kind, by, updated });
        return updated ? 'updated' : 'created';
      });
      cache(row);
      return outcome;
    },

    listUsers: (): UserDto[] => userRows.all().map(userDto),

    /** Creates a local user; the username must be free (case-insensitively). */
    async createUser(input: UserDeclaration, by: string): Promise<UserDto> {
      const row: UserRow = {
        user_id: input.userId ?? input.username,
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashSecret(input.password),
        created_ms: clock.nowMs(),
      };
      const { value: created } = await commits.run((effects) => {
        if (userRows.get(row.user_id) || userRows.byUsername(row.username)) return false;
        userRows.insert(row);
        effects.emit('user.created', {
          userId: row.user_id,
          username: row.username,
          by,
          updated: false,
        });
        return true;
      });
      if (!created) {
        throw new TesseraError(
          'ERR_USER_EXISTS',
          `There is already a user ${quoteForMessage(row.user_id)} or one named ${quoteForMessage(row.username)}.`,
        );
      }
      return userDto(row);
    },

    /**
     * Creates or updates a user as declared (the config file), keyed by user id (the username
     * when none is given). Throws ERR_USER_EXISTS when another user already has the username.
     */
    async upsertUser(input: UserDeclaration, by: string): Promise<UpsertOutcome> {
      const userId = input.userId ?? input.username;
      const existing = userRows.get(userId);
      const keep =
        existing !== undefined && (await verifySecret(input.password, existing.password_hash));
      const row: UserRow = {
        user_id: userId,
        username: input.username,
        display_name: input.displayName,
        password_hash: keep ? existing.password_hash : await hashSecret(input.password),
        created_ms: existing?.created_ms ?? clock.nowMs(),
      };
      if (
        existing &&
        existing.username === row.username &&
        existing.display_name === row.display_name &&
        existing.password_hash === row.password_hash
      ) {
        return 'unchanged';
      }
      const { value: outcome } = await commits.run((effects): UpsertOutcome | null => {
        const holder = userRows.byUsername(row.username);
        if (holder && holder.user_id !== userId) return null;
        const updated = userRows.get(userId) !== undefined;
        if (updated) userRows.update(row);
        else userRows.insert(row);
        effects.emit('user.created', { userId, username: row.username, by, updated });
        return updated ? 'updated' : 'created';
      });
      if (outcome === null) {
        throw new TesseraError(
          'ERR_USER_EXISTS',
          `The username ${quoteForMessage(row.username)} already belongs to another user.`,
        );
      }
      return outcome;
    },

    /**
     * The user if the password is theirs, else null. An unknown username costs a full check
     * too, so timing does not tell which usernames exist.
     */
    async authenticateUser(username: string, password: string): Promise<AuthenticatedUser | null> {
      const row = userRows.byUsername(username);
      const ok = await verifySecret(password, row?.password_hash ?? (await decoyHash()));
      if (!row || !ok) return null;
      return { userId: row.user_id, username: row.username, displayName: row.display_name };
    },
  };
}

/** The directory of clients and local users. */
export type Directory = ReturnType<typeof createDirectory>;

function toColumns(
  input: z.output<typeof clientFieldsSchema>,
): Omit<ClientRow, 'secret_hash' | 'created_ms'> {
  return {
    client_id: input.clientId,
    name: input.name,
    kind: input.kind,
    redirect_uris: JSON.stringify(input.redirectUris),
    backchannel_logout_uri: input.backchannelLogoutUri,
    grant_types: JSON.stringify(input.grantTypes),
    cors_origins: JSON.stringify(input.corsOrigins),
    allowed_scope: input.allowedScope,
  };
}

function sameRow(a: ClientRow, b: ClientRow): boolean {
  return (Object.keys(a) as Array<keyof ClientRow>).every((key) => a[key] === b[key]);
}

const knownGrants: ReadonlySet<string> = new Set(grantTypes);

function toRecord(row: ClientRow): ClientRecord {
  return Object.freeze({
    clientId: row.client_id,
    name: row.name,
    kind: row.kind,
    secretHash: row.secret_hash,
    redirectUris: Object.freeze(textList(row.redirect_uris)),
    backchannelLogoutUri: row.backchannel_logout_uri,
    grantTypes: new Set(
      textList(row.grant_types).filter((grant): grant is GrantType => knownGrants.has(grant)),
    ),
    corsOrigins: Object.freeze(textList(row.cors_origins)),
    allowedScope: new Set(row.allowed_scope.split(' ').filter(Boolean)),
    createdMs: row.created_ms,
  });
}

function toDto(client: ClientRecord): ClientDto {
  return {
    clientId: client.clientId,
    name: client.name,
    kind: client.kind,
    redirectUris: client.redirectUris,
    backchannelLogoutUri: client.backchannelLogoutUri,
    grantTypes: grantTypes.filter((grant) => client.grantTypes.has(grant)),
    corsOrigins: client.corsOrigins,
    allowedScope: [...client.allowedScope].join(' '),
    hasSecret: client.secretHash !== null,
    createdMs: client.createdMs,
  };
}

/** A JSON array of strings from a column; anything else (a hand-edited row) reads as empty. */
function textList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : [];
  } catch {
    return [];
  }
}
