import { closeSync, fdatasync, openSync } from 'node:fs';
import { TesseraError } from '../tessera-error';

/** Flushes one file's written data to the disk (the default is `fdatasync` on a fresh handle). */
export type SyncFile = (file: string) => Promise<void>;

/**
 * Makes WAL commits durable from libuv's thread pool instead of inside SQLite's COMMIT.
 *
 * A commit made with `synchronous = NORMAL` is in the WAL file (the OS page cache) when COMMIT
 * returns: it survives a killed process, but not a power loss until the file is synced. Syncing
 * it here lets the main thread go on serving while the disk works. `durable()` resolves once a
 * sync that STARTED after the call has finished, so everything the caller committed before it
 * is on the disk; calls that arrive while a sync runs share the next one.
 *
 * A WAL that no longer exists was checkpointed into the database file and removed when the
 * last connection closed; that checkpoint synced the database file, so there is nothing to do.
 */
export function createWalSync(walFile: string, syncFile: SyncFile = dataSync) {
  type Waiter = { resolve: () => void; reject: (error: unknown) => void };
  let waiting: Waiter[] = [];
  let syncing = false;

  const start = (): void => {
    syncing = true;
    const round = waiting;
    waiting = [];
    syncFile(walFile).then(
      () => {
        for (const waiter of round) waiter.resolve();
        next();
      },
      (error: unknown) => {
        const failure = new TesseraError(
          'ERR_INTERNAL',
          `The write was committed but could not be made durable: syncing ${walFile} failed (${describe(error)}). It may be lost if the machine loses power.`,
        );
        failure.cause = error;
        for (const waiter of round) waiter.reject(failure);
        next();
      },
    );
  };

  const next = (): void => {
    syncing = false;
    if (waiting.length > 0) start();
  };

  return {
    /** Resolves when everything written to the WAL before this call is on the disk. */
    durable(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!syncing) start();
      });
    },
  };
}

/** A WAL syncer. */
export type WalSync = ReturnType<typeof createWalSync>;

/**
 * Opened and closed here on the main thread (a few microseconds) so that only the sync itself
 * waits for the thread pool: one hop instead of three for a commit awaited alone. Opened for
 * writing because Windows flushes only a handle with write access; nothing is written.
 */
function dataSync(file: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve();
    return Promise.reject(error);
  }
  return new Promise<void>((resolve, reject) => {
    fdatasync(fd, (error) => {
      closeSync(fd);
      if (error) reject(error);
      else resolve();
    });
  });
}

function describe(error: unknown): string {
  return (
    (error as NodeJS.ErrnoException).code ??
    (error instanceof Error ? error.message : String(error))
  );
}
