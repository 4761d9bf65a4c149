import type Database from 'better-sqlite3';

/**
 * One step of the schema: applied once, in version order, inside its own IMMEDIATE transaction
 * that also records `version` as the file's `user_version`.
 *
 * `up` is SQL for plain DDL, or a synchronous function when data must be reshaped. Note that
 * `PRAGMA foreign_keys` cannot change inside a transaction: a migration that rebuilds a table has
 * to run `PRAGMA foreign_key_check` itself.
 */
export interface Migration {
  /** 1, 2, 3…: consecutive, never reused, never edited once released. */
  readonly version: number;
  /** For error messages and logs. */
  readonly name: string;
  /** Typed to return `undefined`, not `void`, so that an async function does not compile. */
  readonly up: string | ((db: Database.Database) => undefined);
}
