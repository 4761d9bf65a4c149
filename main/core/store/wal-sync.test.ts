import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.test-helper';
import { syncWal } from './wal-sync';

const stores = useTempStores();

describe('WAL sync', () => {
  it('syncs a real file', async () => {
    const file = join(stores.folder(), 'data.db-wal');
    writeFileSync(file, 'frames');
    await expect(syncWal(file)).resolves.toBeUndefined();
  });

  it('fails, naming the file and the cause, when there is nothing to sync', async () => {
    const folder = stores.folder();
    // A WAL exists while its database is open: a missing one means a wrong path, not success.
    const missing = join(folder, 'gone.db-wal');
    expect(existsSync(missing)).toBe(false);
    await expect(syncWal(missing)).rejects.toThrow(`syncing ${missing} failed (ENOENT)`);

    const file = join(folder, 'data.db');
    writeFileSync(file, '');
    const impossible = `${file}/data.db-wal`;
    await expect(syncWal(impossible)).rejects.toThrow(`syncing ${impossible} failed (ENOTDIR)`);
  });
});
