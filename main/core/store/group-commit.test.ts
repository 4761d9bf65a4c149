import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from './group-commit';
import { useTempStores } from './temp-store.test-helper';

const stores = useTempStores();

function setup() {
  const store = stores.open({ file: join(stores.folder(), 'tessera.db') });
  const insert = store.db.prepare("INSERT INTO meta (key, value) VALUES (?, 'v')");
  const keys = () =>
    (store.db.prepare('SELECT key FROM meta ORDER BY key').all() as { key: string }[]).map(
      (r) => r.key,
    );
  return { store, insert, keys, committer: createGroupCommitter(store.db) };
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
});
