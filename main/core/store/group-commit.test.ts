import { existsSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from './group-commit';
import type { SyncFile } from './wal-sync';
import { useTempStores } from './temp-store.test-helper';

const stores = useTempStores();

function setup(syncFile?: SyncFile) {
  const store = stores.open({ file: join(stores.folder(), 'tessera.db') });
  const insert = store.db.prepare("INSERT INTO meta (key, value) VALUES (?, 'v')");
  const keys = () =>
    (store.db.prepare('SELECT key FROM meta ORDER BY key').all() as { key: string }[]).map(
      (r) => r.key,
    );
  return { store, insert, keys, committer: createGroupCommitter(store.db, { syncFile }) };
}

describe('group commit', () => {
  it('commits a burst in one transaction and settles each caller after the commit', async () => {
    const { store, insert, keys, committer } = setup();
    const seenInTransaction: boolean[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c'].map((key) =>
        committer.submit(() => {
          seenInTransaction.push(store.db.inTransaction);
          insert.run(key);
          return key.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C']);
    expect(seenInTransaction).toEqual([true, true, true]);
    expect(store.db.inTransaction).toBe(false);
    expect(keys()).toEqual(['a', 'b', 'c']);
  });

  it('rolls back only the unit that failed, running the others again in isolation', async () => {
    const { insert, keys, committer } = setup();
    let runsOfA = 0;
    const outcomes = await Promise.allSettled([
      committer.submit(() => {
        runsOfA += 1;
        insert.run('a');
      }),
      committer.submit(() => {
        insert.run('b');
        throw new Error('b failed half way');
      }),
      committer.submit(() => insert.run('c')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(keys()).toEqual(['a', 'c']);
    // Once in the fast attempt that was rolled back, once in the isolated one.
    expect(runsOfA).toBe(2);
  });

  it('acknowledges a batch only once its WAL is synced, and leaves the connection at FULL', async () => {
    const syncs: Array<{ file: string; finish: () => void }> = [];
    const { store, insert, keys, committer } = setup(
      (file) => new Promise<void>((resolve) => syncs.push({ file, finish: resolve })),
    );
    let acknowledged = 0;
    const levelsInBatch: unknown[] = [];
    const units = ['a', 'b'].map((key) =>
      committer
        .submit(() => {
          levelsInBatch.push(store.db.pragma('synchronous', { simple: true }));
          insert.run(key);
        })
        .then(() => (acknowledged += 1)),
    );
    await new Promise((resolve) => setImmediate(resolve));

    // Committed (readable on the connection), but nobody is told until the sync ends.
    expect(keys()).toEqual(['a', 'b']);
    expect(syncs.map((sync) => sync.file)).toEqual([`${store.file}-wal`]);
    // SQLite skipped its own sync (NORMAL) for the batch only.
    expect(levelsInBatch).toEqual([1, 1]);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acknowledged).toBe(0);

    syncs[0]!.finish();
    await Promise.all(units);
    expect(acknowledged).toBe(2);
  });

  it("refuses the units of a batch whose sync failed, keeps a failed unit's error, goes on", async () => {
    let failNext = true;
    const { insert, keys, committer } = setup(async () => {
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('I/O error'), { code: 'EIO' });
      }
    });
    const outcomes = await Promise.allSettled([
      committer.submit(() => insert.run('a')),
      committer.submit(() => {
        throw new Error('b failed');
      }),
    ]);
    expect(
      outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'ok')),
    ).toEqual([
      expect.stringMatching(/could not be made durable: syncing .*tessera\.db-wal failed \(EIO\)/),
      'b failed',
    ]);

    await committer.submit(() => insert.run('c'));
    expect(keys()).toEqual(['a', 'c']);
  });

  it('holds work that arrives while a batch syncs, and commits it as one batch after that sync', async () => {
    const syncs: Array<() => void> = [];
    const { insert, keys, committer } = setup(
      () => new Promise<void>((resolve) => syncs.push(resolve)),
    );
    const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
    const first = committer.submit(() => insert.run('a'));
    await tick();
    expect(syncs).toHaveLength(1);

    const later = [
      committer.submit(() => insert.run('b')),
      committer.submit(() => insert.run('c')),
    ];
    await tick();
    expect(keys()).toEqual(['a']);

    syncs[0]!();
    await first;
    await tick();
    // Both committed, with one sync between them.
    expect(keys()).toEqual(['a', 'b', 'c']);
    expect(syncs).toHaveLength(2);
    syncs[1]!();
    await Promise.all(later);
  });

  it('syncs the WAL that SQLite writes, also for a store opened through a symbolic link', async () => {
    const folder = stores.folder();
    const real = join(folder, 'real.db');
    const link = join(folder, 'link.db');
    symlinkSync(real, link);
    const store = stores.open({ file: link });
    const insert = store.db.prepare("INSERT INTO meta (key, value) VALUES (?, 'v')");
    const synced: string[] = [];
    const watched = createGroupCommitter(store.db, {
      syncFile: async (file) => {
        synced.push(file);
      },
    });
    await watched.submit(() => insert.run('a'));
    expect(synced).toEqual([`${realpathSync(real)}-wal`]);
    expect(existsSync(synced[0]!)).toBe(true);

    // And with the real fdatasync, which fails on a path that does not exist.
    await expect(
      createGroupCommitter(store.db).submit(() => insert.run('b')),
    ).resolves.toBeDefined();
  });

  it('restores FULL and keeps going after a batch whose commit failed', async () => {
    const { store, insert, keys, committer } = setup(async () => undefined);
    // A fault on purpose: the unit ends the batch's transaction under it, so COMMIT fails.
    await expect(committer.submit(() => store.db.exec('ROLLBACK'))).rejects.toThrow();
    expect(store.db.inTransaction).toBe(false);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);

    await committer.submit(() => insert.run('a'));
    expect(keys()).toEqual(['a']);
  });
});
