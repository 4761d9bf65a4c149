import type Database from 'better-sqlite3';
import { migrations } from './migrations';
import type { Migration } from './migrations/migration';
import { StoreError } from './store-error';
import { immediate } from './transaction';

/**
 * Brings the file's schema up to the newest in `list`, one IMMEDIATE transaction per step, and
 * returns the schema version now in the file.
 *
 * The version lives in `PRAGMA user_version` (a field of the file header), which is written in
 * the same transaction as the step's DDL: a crash leaves the file at the old version with none of
 * the step, or at the new one with all of it. A file newer than `list` is refused, never touched.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  let version = knownSchemaVersion(db, list);
  for (const migration of list) {
    if (migration.version <= version) continue;
    immediate(db, () => {
      // Another process on the same data folder may have applied this step between our read and
      // taking the write lock.
      if (readUserVersion(db) >= migration.version) return;
      apply(db, migration);
      db.pragma(`user_version = ${migration.version}`);
    });
    version = migration.version;
  }
  return version;
}

/**
 * The file's schema version, refusing one newer than `list` knows.
 *
 * For where migrating is not possible (a read-only open, a damaged file) but a newer file must
 * still be refused: its tables may mean something this code does not know.
 */
export function knownSchemaVersion(
  db: Database.Database,
  list: readonly Migration[] = migrations,
): number {
  const version = readUserVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  if (version > newest) {
    throw new StoreError(
      'ERR_STORE_MIGRATION',
      `This data folder was written by a newer Tessera (schema ${version}; this one knows up to ${newest}).`,
    );
  }
  return version;
}

function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function apply(db: Database.Database, migration: Migration): void {
  try {
    if (typeof migration.up === 'string') db.exec(migration.up);
    else migration.up(db);
  } catch (error) {
    // Rethrown inside the transaction, so the step is rolled back as a whole.
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      'ERR_STORE_MIGRATION',
      `Could not upgrade the data folder to schema ${migration.version} (${migration.name}): ${reason}`,
      { cause: error },
    );
  }
}
