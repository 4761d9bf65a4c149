import type Database from 'better-sqlite3';

/**
 * Wraps `build` so it runs once per open database and its result (usually prepared statements)
 * is reused after; a closed database's entry goes with it (WeakMap).
 */
export function perDatabase<T>(build: (db: Database.Database) => T): (db: Database.Database) => T {
  const byDb = new WeakMap<Database.Database, T>();
  return (db) => {
    let value = byDb.get(db);
    if (value === undefined) {
      value = build(db);
      byDb.set(db, value);
    }
    return value;
  };
}
