import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { TesseraError } from '../tessera-error';
import { knownSchemaVersion, migrate } from './migrate';
import { migrations } from './migrations';
import { StoreError } from './store-error';

/** Where the store lives and how to open it. */
export interface OpenStoreOptions {
  /** The database file; created with mode 0600 if missing (unless `readonly`). */
  readonly file: string;
  /**
   * Path of a better-sqlite3 addon built for another runtime: Electron has its own ABI, so the
   * desktop app loads a separately built addon while plain Node uses the installed one.
   */
  readonly nativeBinding?: string;
  /** Read only: creates nothing, migrates nothing, and refuses a schema older than this code's. */
  readonly readonly?: boolean;
}

/**
 * Whether the file passed `PRAGMA quick_check` when opened. A damaged store is still opened so
 * that what can be read stays visible, but nothing that depends on its integrity (issuing
 * tokens) should run on it.
 */
export type StoreHealth = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/** An open database with the schema this code knows (unless `health` is bad), and its facts. */
export interface Store {
  readonly db: Database.Database;
  readonly file: string;
  readonly health: StoreHealth;
  /** The file's schema version: the newest this code knows, unless the file is damaged. */
  readonly schemaVersion: number;
  close(): void;
}

const ownerOnly = 0o600;
const busyTimeoutMs = 5000;

/**
 * Opens (creating if needed) the SQLite store: WAL with `synchronous = FULL`, foreign keys on, a
 * 5 s busy timeout, a quick integrity check, then pending migrations.
 *
 * Throws a StoreError when the file cannot be used at all (not a database, a newer schema,
 * not writable); a file that opens but fails the integrity check is returned with a bad `health`
 * and left unmigrated, since writing to a damaged file can spread the damage.
 */
export function openStore(options: OpenStoreOptions): Store {
  const { file, nativeBinding, readonly = false } = options;
  if (!readonly) createOwnerOnly(file);
  const db = new Database(file, {
    readonly,
    fileMustExist: readonly,
    // The same setting as PRAGMA busy_timeout, given here so that it already covers the switch
    // to WAL below, which needs an exclusive lock.
    timeout: busyTimeoutMs,
    nativeBinding,
  });
  try {
    // A newer file is refused before anything is written to it, even the switch to WAL.
    knownSchemaVersion(db);
    configure(db, readonly);
    const health = checkHealth(db);
    const schemaVersion = settleSchema(db, health, readonly);
    if (!readonly) restrictSidecars(file);
    return { db, file, health, schemaVersion, close: () => db.close() };
  } catch (error) {
    db.close();
    throw asStoreError(error, file);
  }
}

/**
 * SQLite creates a missing file as 0644, and creates `-wal` and `-shm` with the main file's mode:
 * creating the file first as 0600 closes the window in which tokens' data is world-readable and
 * gets the side files right too. An existing file is tightened as well.
 */
function createOwnerOnly(file: string): void {
  // 'a' creates without ever truncating; an empty file is a valid empty database.
  closeSync(openSync(file, 'a', ownerOnly));
  chmodSync(file, ownerOnly);
}

/** For side files left by an older version or another tool with a looser mode. */
function restrictSidecars(file: string): void {
  for (const sidecar of [`${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(sidecar, ownerOnly);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function configure(db: Database.Database, readonly: boolean): void {
  // WAL lets the console read while the token service writes. The mode is stored in the file,
  // so a read-only connection simply finds it there.
  if (!readonly) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new TesseraError(
        'ERR_INTERNAL',
        `Could not switch the data file to write-ahead logging (the journal mode stayed "${String(mode)}").`,
      );
    }
  }
  // better-sqlite3 builds SQLite so that WAL databases default to synchronous = NORMAL, where a
  // commit reaches the disk only at the next checkpoint: a power loss can drop the last commits.
  // Here a lost commit can be a revocation or a consumed refresh token, which would make a
  // revoked token valid again or let a spent refresh token be replayed. FULL syncs the WAL on
  // every commit (about 3.6k instead of 8.4k single-row commits per second); it must be set
  // explicitly, after switching to WAL.
  db.pragma('synchronous = FULL');
  // Checkpoints copy the WAL back into the database: with writes keyed by random ids (tokens,
  // sessions) each one touches many pages, and the default (every 1,000 pages) checkpointed
  // several times per second under a revocation job. Every 8,192 pages (about 32 MB of WAL)
  // gave a quarter more throughput; reads stay fast because the WAL index is in shared memory.
  db.pragma('wal_autocheckpoint = 8192');
  // Already on in better-sqlite3's own build, but an addon built elsewhere may differ, and
  // refresh_tokens → sessions relies on it.
  db.pragma('foreign_keys = ON');
}

/**
 * quick_check rather than integrity_check: it checks every page and record but skips matching
 * indexes against their tables, so it costs one read of the file instead of O(N log N).
 */
function checkHealth(db: Database.Database): StoreHealth {
  let findings: string[];
  try {
    findings = db.prepare('PRAGMA quick_check(20)').pluck().all() as string[];
  } catch (error) {
    // Damage bad enough for SQLite to stop the check is a finding too, not a reason to fail.
    if (!isCorruption(error)) throw error;
    return { ok: false, detail: `quick_check could not finish: ${error.message}` };
  }
  if (findings.length === 1 && findings[0] === 'ok') return { ok: true };
  return { ok: false, detail: findings.join('\n') };
}

function settleSchema(db: Database.Database, health: StoreHealth, readonly: boolean): number {
  if (!health.ok) return knownSchemaVersion(db);
  if (!readonly) return migrate(db);
  const version = knownSchemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (version < newest) {
    throw new StoreError(
      'ERR_STORE_READONLY',
      `This data folder has schema ${version} and needs upgrading to schema ${newest}, which a read-only open cannot do.`,
    );
  }
  return version;
}

function isCorruption(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return (
    error instanceof Database.SqliteError &&
    (error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_NOTADB')
  );
}

/** Gives the SQLite errors a person can act on a stable code and a sentence. */
function asStoreError(error: unknown, file: string): unknown {
  if (isCorruption(error)) {
    return new StoreError(
      'ERR_STORE_CORRUPT',
      `The data file ${file} is damaged and cannot be opened (${error.message}). Restore it from a backup.`,
      { cause: error },
    );
  }
  if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_READONLY')) {
    return new StoreError(
      'ERR_STORE_READONLY',
      `The data file ${file} cannot be written (${error.message}). Check the permissions of the file and its folder.`,
      { cause: error },
    );
  }
  return error;
}
