import { closeSync, fdatasync, openSync } from 'node:fs';
import { TesseraError } from '../tessera-error';

/** Flushes one file's written data to the disk (the default is `fdatasync` on a fresh handle). */
export type SyncFile = (file: string) => Promise<void>;

/**
 * Makes WAL commits durable from libuv's thread pool instead of inside SQLite's COMMIT.
 *
 * A commit made with `synchronous = NORMAL` is in the WAL file (the OS page cache) when COMMIT
 * returns: it survives a killed process, but not a power loss until the file is synced. Resolves
 * once everything written to the WAL before the call is on the disk. The WAL exists while its
 * database is open, so a missing one is an error like any other: the path is not the one SQLite
 * writes, and nothing would be synced.
 */
export async function syncWal(walFile: string, syncFile: SyncFile = dataSync): Promise<void> {
  try {
    await syncFile(walFile);
  } catch (error) {
    const failure = new TesseraError(
      'ERR_INTERNAL',
      `The write was committed but could not be made durable: syncing ${walFile} failed (${describe(error)}). It may be lost if the machine loses power.`,
    );
    failure.cause = error;
    throw failure;
  }
}

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
    return Promise.reject(error);
  }
  return new Promise<void>((resolve, reject) => {
    fdatasync(fd, (syncError) => {
      let closeError: unknown = null;
      try {
        closeSync(fd);
      } catch (error) {
        closeError = error;
      }
      // On network file systems a write error can surface at close: either one fails the sync.
      const failure = syncError ?? closeError;
      if (failure) reject(failure);
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
