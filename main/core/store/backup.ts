import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import type { Store } from './open-store';

/** What a finished backup wrote. */
export interface BackupResult {
  /** Size of the backup file. */
  readonly bytes: number;
  readonly pages: number;
}

/**
 * Writes a consistent copy of the store to `destinationFile` (mode 0600), replacing any file
 * there only once the copy is complete.
 *
 * Uses SQLite's online backup API (better-sqlite3's `db.backup()`), never a file copy: copying a
 * live WAL database file by file can yield a torn or stale copy, while the backup API copies
 * pages under SQLite's locks and restarts if another connection writes meanwhile. It works in
 * steps between event-loop turns, so the store stays usable while it runs.
 */
export async function backupStore(store: Store, destinationFile: string): Promise<BackupResult> {
  // Into a fresh owner-only file beside the destination, then renamed: the backup's tokens are
  // never readable by others, and a failed backup never leaves a half-written destination.
  const partial = `${destinationFile}.${randomBytes(6).toString('hex')}.partial`;
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    const { totalPages } = await store.db.backup(partial);
    renameSync(partial, destinationFile);
    return { bytes: statSync(destinationFile).size, pages: totalPages };
  } catch (error) {
    unlinkSync(partial);
    throw error;
  }
}
