import type Database from 'better-sqlite3';

/** One unit of work in a group commit: runs inside the shared transaction, synchronously. */
export type Work<T> = () => T;

/**
 * Group commit: work submitted in the same turn of the event loop runs in ONE immediate
 * transaction, so a burst of refreshes pays for one fsync (synchronous=FULL) instead of one
 * each. Every promise settles only after the commit is durable: nothing is acknowledged early.
 *
 * A failing unit must roll back only itself. Savepoints per unit cost a sixth of a rotation's
 * CPU, and units almost never fail, so a batch first runs without them; if any unit throws, the
 * whole batch is rolled back and run again with one savepoint per unit. Units must therefore be
 * safe to run twice: everything they do outside SQLite must be idempotent or made afresh.
 */
export function createGroupCommitter(db: Database.Database, options: { maxBatch?: number } = {}) {
  const maxBatch = options.maxBatch ?? 512;
  type Pending = {
    work: Work<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  };
  let queue: Pending[] = [];
  let scheduled = false;

  // better-sqlite3 refuses a transaction function that returns a promise: no await inside.
  const runOne = db.transaction((work: Work<unknown>) => work());
  const runFast = db.transaction((batch: Pending[]) =>
    batch.map((item) => ({ ok: true as const, value: item.work() as unknown })),
  );
  const runIsolated = db.transaction((batch: Pending[]) =>
    batch.map((item) => {
      try {
        // A nested better-sqlite3 transaction is a savepoint inside the batch's transaction.
        return { ok: true as const, value: runOne(item.work) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );

  const flush = (): void => {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (queue.length > 0) schedule();
    let outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
    try {
      outcomes = runFast.immediate(batch);
    } catch {
      try {
        outcomes = runIsolated.immediate(batch);
      } catch (error) {
        for (const item of batch) item.reject(error);
        return;
      }
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    /** Runs `work` in the next group transaction; resolves once that transaction has committed. */
    submit<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}

/** A group committer. */
export type GroupCommitter = ReturnType<typeof createGroupCommitter>;
