import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.test-helper';
import { syncWal } from './wal-sync';

const stores = useTempStores();

describe('WAL sync', () => {
  it('syncs a real file, and takes a missing WAL as already checkpointed', async () => {
    const folder = stores.folder();
    const file = join(folder, 'data.db-wal');
    writeFileSync(file, 'frames');
    await expect(syncWal(file)).resolves.toBeUndefined();

    const missing = join(folder, 'gone.db-wal');
    expect(existsSync(missing)).toBe(false);
    await expect(syncWal(missing)).resolves.toBeUndefined();
  });

  it('names the file and the cause when the sync fails', async () => {
    const file = join(stores.folder(), 'data.db');
    writeFileSync(file, '');
    // A path through a regular file: ENOTDIR, which unlike ENOENT says nothing about a checkpoint.
    const impossible = `${file}/data.db-wal`;
    await expect(syncWal(impossible)).rejects.toThrow(`syncing ${impossible} failed (ENOTDIR)`);
  });
});
