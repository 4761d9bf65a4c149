import type Database from 'better-sqlite3';
import { syncWal, type SyncFile } from './wal-sync';

/** One unit of work in a group commit: runs inside the shared transaction, synchronously. */
export type Work<T> = () => T;

/**
 * Group commit: work submitted in the same turn of the event loop runs in ONE immediate
 * transaction, so a burst of refreshes pays for one fsync instead of one each. Every promise
 * settles only after the commit is durable: nothing is acknowledged early.
 *
 * On a WAL file whose connection syncs every commit (synchronous = FULL, as `openStore` sets),
 * a batch commits with NORMAL and its WAL is then synced from the thread pool (`wal-sync.ts`),
 * so that the main thread serves requests (and, in Electron, IPC) while the disk works. In the
 * rotation benchmark the main thread's time per batch fell from 9.4 to 6.7 ms (median batch of
 * about 130 rotations); on a disk without a write cache the fsync alone takes milliseconds. The
 * connection is back at FULL as soon as the batch has committed, so any write outside the
 * committer still syncs its own commit. Callers are told only after the sync, but readers (on
 * this connection or another) may see a batch's changes while its sync runs: a power loss in
 * that window loses changes someone may have read, as with a commit that failed to reach the
 * disk. Every connection Tessera opens uses `openStore`'s FULL, so none of them restarts the WAL
 * without syncing it first.
 *
 * A failing unit must roll back only itself. Savepoints per unit cost a sixth of a rotation's
 * CPU, and units almost never fail, so a batch first runs without them; if any unit throws, the
 * whole batch is rolled back and run again with one savepoint per unit. Units must therefore be
 * safe to run twice: everything they do outside SQLite must be idempotent or made afresh.
 */
export function createGroupCommitter(
  db: Database.Database,
  options: { maxBatch?: number; syncFile?: SyncFile } = {},
) {
  const maxBatch = options.maxBatch ?? 512;
  const durability = offThreadSync(db, options.syncFile);
  type Pending = {
    work: Work<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  };
  let queue: Pending[] = [];
  let scheduled = false;
  // One batch is synced at a time: work that arrives meanwhile waits and joins the next batch.
  // Committing it at once would gain little, since the WAL is recovered in order and its sync
  // would end no sooner than this one's. Batches grow with the load instead.
  let syncing = false;

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
    let outcomes: Outcome[];
    try {
      outcomes = durability ? durability.commitUnsynced(() => commit(batch)) : commit(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return nextBatch();
    }
    // A unit that failed keeps its own error; one that succeeded fails if its commit never
    // reached the disk.
    const settle = (notDurable?: unknown) =>
      batch.forEach((item, index) => {
        const outcome = outcomes[index]!;
        if (!outcome.ok) item.reject(outcome.error);
        else if (notDurable !== undefined) item.reject(notDurable);
        else item.resolve(outcome.value);
      });
    if (!durability) {
      settle();
      return nextBatch();
    }
    syncing = true;
    durability
      .sync()
      .then(() => settle(), settle)
      .finally(() => {
        syncing = false;
        nextBatch();
      });
  };

  const nextBatch = (): void => {
    if (queue.length > 0) schedule();
  };

  const commit = (batch: Pending[]): Outcome[] => {
    try {
      return runFast.immediate(batch);
    } catch {
      return runIsolated.immediate(batch);
    }
  };

  const schedule = (): void => {
    if (scheduled || syncing) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    /** Runs `work` in the next group transaction; resolves once that commit is durable. */
    submit<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Sync from the thread pool when the connection asks for a sync per commit on a WAL file; an
 * in-memory database or a connection already at NORMAL or OFF commits as it is.
 */
function offThreadSync(db: Database.Database, syncFile: SyncFile | undefined) {
  const level = Number(db.pragma('synchronous', { simple: true }));
  const journal = String(db.pragma('journal_mode', { simple: true }));
  if (db.memory || journal !== 'wal' || level < 2) return null;
  // The file SQLite really writes: the path the database was opened with may be a symbolic link
  // or relative, and SQLite puts the WAL beside the resolved file.
  const main = (db.pragma('database_list') as Array<{ name: string; file: string }>).find(
    (entry) => entry.name === 'main',
  );
  if (!main?.file) return null;
  const walFile = `${main.file}-wal`;
  return {
    sync: () => syncWal(walFile, syncFile),
    commitUnsynced<T>(commit: () => T): T {
      // Not a prepared statement: SQLite applies a PRAGMA's new value when it compiles it, so
      // running a prepared one again changes nothing.
      db.exec('PRAGMA synchronous = NORMAL');
      try {
        return commit();
      } finally {
        // SQLite refuses the change inside a transaction, which is only still open if even the
        // rollback failed; the commit's own error is the one to report then, and the next batch
        // restores the level.
        if (!db.inTransaction) db.exec(`PRAGMA synchronous = ${level}`);
      }
    },
  };
}

/** A group committer. */
export type GroupCommitter = ReturnType<typeof createGroupCommitter>;
