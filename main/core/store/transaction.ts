import type Database from 'better-sqlite3';

/**
 * Runs `fn` inside `BEGIN IMMEDIATE` and commits, or rolls back if it throws (nested calls
 * become savepoints).
 *
 * IMMEDIATE takes the write lock up front, so a read-then-write such as a refresh rotation cannot
 * fail half-way with SQLITE_BUSY when another connection wrote in between. `fn` must be
 * synchronous: a transaction left open across an `await` would hold the write lock for as long as
 * the awaited work takes, and whatever ran after the `await` would commit outside it.
 */
export function immediate<T>(db: Database.Database, fn: () => T): T {
  return db
    .transaction(() => {
      const result = fn();
      // better-sqlite3 12 refuses a promise too; this check keeps the guarantee ours across
      // upgrades and names the fix.
      if (isThenable(result)) {
        // The synchronous part is rolled back by the throw below; the promise's own outcome is
        // meaningless now, so it must not surface later as an unhandled rejection.
        result.then(undefined, () => undefined);
        throw new TypeError(
          'immediate(): the function returned a promise. A transaction must not stay open across an await; do the async work before or after it.',
        );
      }
      return result;
    })
    .immediate();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
