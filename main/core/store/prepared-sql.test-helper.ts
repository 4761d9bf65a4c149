import type Database from 'better-sqlite3';

/**
 * The SQL texts `db` prepares while `action` runs, for tests that check a statement's query
 * plan (statements are prepared on a database's first use, so this catches what the code runs)
 * or that a second call prepares nothing again.
 */
export async function sqlPreparedDuring(
  db: Database.Database,
  action: () => unknown,
): Promise<string[]> {
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  Object.assign(db, {
    prepare: (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    },
  });
  try {
    await action();
  } finally {
    Object.assign(db, { prepare });
  }
  return prepared;
}
