import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.test-helper';
import { createWalSync } from './wal-sync';

const stores = useTempStores();

describe('WAL sync', () => {
  it('does not let a sync that started earlier stand for a later write; waiters share one', async () => {
    const started: Array<() => void> = [];
    const wal = createWalSync(
      '/nowhere-wal',
      () => new Promise<void>((resolve) => started.push(resolve)),
    );
    const settled: string[] = [];
    const first = wal.durable().then(() => settled.push('first'));
    // Both written after the first sync started: the first sync may not cover them.
    const second = wal.durable().then(() => settled.push('second'));
    const third = wal.durable().then(() => settled.push('third'));
    expect(started).toHaveLength(1);

    started[0]!();
    await first;
    expect(settled).toEqual(['first']);
    expect(started).toHaveLength(2);

    started[1]!();
    await Promise.all([second, third]);
    expect(settled).toEqual(['first', 'second', 'third']);
    expect(started).toHaveLength(2);
  });

  it('syncs a real file, and takes a missing WAL as already checkpointed', async () => {
    const folder = stores.folder();
    const file = join(folder, 'data.db-wal');
    writeFileSync(file, 'frames');
    await expect(createWalSync(file).durable()).resolves.toBeUndefined();

    const missing = join(folder, 'gone.db-wal');
    expect(existsSync(missing)).toBe(false);
    await expect(createWalSync(missing).durable()).resolves.toBeUndefined();
  });

  it('names the file and the cause when the sync fails', async () => {
    const file = join(stores.folder(), 'data.db');
    writeFileSync(file, '');
    // A path through a regular file: ENOTDIR, which unlike ENOENT says nothing about a checkpoint.
    const impossible = `${file}/data.db-wal`;
    await expect(createWalSync(impossible).durable()).rejects.toThrow(
      `syncing ${impossible} failed (ENOTDIR)`,
    );
  });
});
