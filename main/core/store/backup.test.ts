import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStore } from './backup';
import type { Store } from './open-store';
import { useTempStores } from './temp-store.test-helper';
import { migrations } from './migrations';

const latestVersion = migrations.at(-1)!.version;

const stores = useTempStores();

function seed(store: Store): void {
  const insert = store.db.prepare('INSERT INTO events (type, at_ms, payload) VALUES (?, ?, ?)');
  store.db.transaction(() => {
    for (let i = 0; i < 500; i += 1) insert.run('seeded', i, JSON.stringify({ i }));
  })();
  store.db
    .prepare(
      "INSERT INTO clients (client_id, name, kind, created_ms) VALUES ('c1', 'Console', 'public', 1)",
    )
    .run();
}

function rows(store: Store): unknown[] {
  return [
    store.db.prepare('SELECT * FROM events ORDER BY seq').all(),
    store.db.prepare('SELECT * FROM clients ORDER BY client_id').all(),
  ];
}

describe('backupStore', () => {
  it('writes a database that opens, passes integrity_check and has the same rows', async () => {
    const folder = stores.folder();
    const source = stores.open({ file: join(folder, 'tessera.db') });
    seed(source);
    const destination = join(folder, 'backup.db');

    const result = await backupStore(source, destination);

    const copy = stores.open({ file: destination });
    expect(copy.health).toEqual({ ok: true });
    expect(copy.schemaVersion).toBe(latestVersion);
    expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rows(copy)).toEqual(rows(source));
    const pageSize = source.db.pragma('page_size', { simple: true }) as number;
    expect(result.pages).toBeGreaterThan(1);
    expect(result.bytes).toBe(result.pages * pageSize);
  });

  it.skipIf(process.platform === 'win32')('gives the backup mode 0600', async () => {
    const folder = stores.folder();
    const source = stores.open({ file: join(folder, 'tessera.db') });
    const destination = join(folder, 'backup.db');
    await backupStore(source, destination);
    expect(statSync(destination).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file only once the copy is complete, leaving nothing else', async () => {
    const folder = stores.folder();
    const source = stores.open({ file: join(folder, 'tessera.db') });
    seed(source);
    const destination = join(folder, 'backup.db');
    writeFileSync(destination, 'not a database', { mode: 0o644 });

    await backupStore(source, destination);

    expect(readdirSync(folder).sort()).toEqual([
      'backup.db',
      'tessera.db',
      'tessera.db-shm',
      'tessera.db-wal',
    ]);
    expect(rows(stores.open({ file: destination }))).toEqual(rows(source));
  });

  it('fails without leaving a partial file when the folder does not exist', async () => {
    const folder = stores.folder();
    const source = stores.open({ file: join(folder, 'tessera.db') });
    await expect(backupStore(source, join(folder, 'missing', 'backup.db'))).rejects.toThrow();
    expect(existsSync(join(folder, 'missing'))).toBe(false);
  });
});
