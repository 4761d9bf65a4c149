import type Database from 'better-sqlite3';

/** A client as stored; list-valued columns hold JSON arrays. */
export interface ClientRow {
  readonly client_id: string;
  readonly name: string;
  readonly kind: 'public' | 'confidential';
  /** See secret-hash.ts; null for public clients. */
  readonly secret_hash: string | null;
  readonly redirect_uris: string;
  readonly backchannel_logout_uri: string | null;
  readonly grant_types: string;
  readonly cors_origins: string;
  readonly allowed_scope: string;
  readonly created_ms: number;
}

/** The clients table: prepared once, used inside the callers' transactions. */
export function createClientRows(db: Database.Database) {
  const all = db.prepare<[], ClientRow>('SELECT * FROM clients ORDER BY client_id');
  const get = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE client_id = ?');
  const insert = db.prepare(`
    INSERT INTO clients (client_id, name, kind, secret_hash, redirect_uris, backchannel_logout_uri,
      grant_types, cors_origins, allowed_scope, created_ms)
    VALUES (@client_id, @name, @kind, @secret_hash, @redirect_uris, @backchannel_logout_uri,
      @grant_types, @cors_origins, @allowed_scope, @created_ms)`);
  const update = db.prepare(`
    UPDATE clients SET name = @name, kind = @kind, secret_hash = @secret_hash,
      redirect_uris = @redirect_uris, backchannel_logout_uri = @backchannel_logout_uri,
      grant_types = @grant_types, cors_origins = @cors_origins, allowed_scope = @allowed_scope
    WHERE client_id = @client_id`);
  return {
    all: (): ClientRow[] => all.all(),
    get: (clientId: string): ClientRow | undefined => get.get(clientId),
    insert: (row: ClientRow): void => {
      insert.run(row);
    },
    /** Replaces every field but the id and creation time. */
    update: (row: ClientRow): void => {
      update.run(row);
    },
  };
}

/** The clients table's operations. */
export type ClientRows = ReturnType<typeof createClientRows>;
