import type Database from 'better-sqlite3';

/** A statement taking named parameters, as the filter-built queries bind them. */
export type NamedStatement<R = unknown> = Database.Statement<Record<string, unknown>, R>;

/**
 * Prepares each distinct SQL text once on `db`, on first use, and reuses it after: for queries
 * built from a filter, whose handful of shapes give a few dozen texts at most. `configure`
 * adjusts a freshly prepared statement once (e.g. `pluck()`).
 */
export function statementsBySql<R = unknown>(
  db: Database.Database,
  configure: (statement: NamedStatement<R>) => NamedStatement<R> = (statement) => statement,
): (sql: string) => NamedStatement<R> {
  const statements = new Map<string, NamedStatement<R>>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = configure(db.prepare<Record<string, unknown>, R>(sql));
      statements.set(sql, statement);
    }
    return statement;
  };
}
