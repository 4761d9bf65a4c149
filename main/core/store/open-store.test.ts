import { existsSync, openSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { useTempStores } from './temp-store.test-helper';
import { migrations } from './migrations';

const latestVersion = migrations.at(-1)!.version;

const stores = useTempStores();

function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

/**
 * Fills `events` with enough rows to span many pages, then closes (which checkpoints the WAL into
 * the file). Returns the page size.
 */
function fillAndClose(file: string, rows: number): number {
  const store = openStore({ file });
  const pageSize = store.db.pragma('page_size', { simple: true }) as number;
  const insert = store.db.prepare('INSERT INTO events (type, at_ms, payload) VALUES (?, ?, ?)');
  store.db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run('test', i, `${i}:`.padEnd(200, 'x'));
  })();
  store.close();
  return pageSize;
}

describe('openStore', () => {
  it('sets WAL, synchronous FULL, foreign keys, a 5 s busy timeout and larger checkpoints', () => {
    const { db, health } = stores.open({ file: join(stores.folder(), 'tessera.db') });
    expect(health).toEqual({ ok: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(8192);
  });

  it('applies the schema once and leaves it alone on reopen', () => {
    const file = join(stores.folder(), 'tessera.db');
    const first = openStore({ file });
    expect(first.schemaVersion).toBe(latestVersion);
    const schema = first.db
      .prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name')
      .all();
    first.db.prepare("INSERT INTO meta (key, value) VALUES ('marker', 'kept')").run();
    first.close();

    const second = stores.open({ file });
    expect(second.schemaVersion).toBe(latestVersion);
    expect(second.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(
      second.db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
    ).toEqual(schema);
    expect(second.db.prepare("SELECT value FROM meta WHERE key = 'marker'").pluck().get()).toBe(
      'kept',
    );
  });

  it('refuses a data folder written by a newer Tessera and leaves it untouched', () => {
    const file = join(stores.folder(), 'tessera.db');
    const future = new Database(file);
    future.pragma('user_version = 7');
    future.close();

    expect(() => openStore({ file })).toThrow(
      expect.objectContaining({
        name: 'StoreError',
        code: 'ERR_STORE_MIGRATION',
        message: `This data folder was written by a newer Tessera (schema 7; this one knows up to ${latestVersion}).`,
      }),
    );
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(7);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()).toBe(0);
    after.close();
  });

  // Whole pages of garbage make SQLite abandon the check; a torn page yields findings. Both
  // must end in a bad health, not an exception.
  it.each([
    { damage: 'eight whole pages', offset: 0, pages: 8 },
    { damage: 'half a page', offset: 100, pages: 0.5 },
  ])('opens a file with $damage of garbage with a bad health, and still reads', (damage) => {
    const file = join(stores.folder(), 'tessera.db');
    const pageSize = fillAndClose(file, 2000);
    // Everything is in the main file now, so the garbage below is what SQLite will read.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const pages = statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(100);
    const fd = openSync(file, 'r+');
    const garbage = Buffer.alloc(damage.pages * pageSize, 0x5a);
    writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * pageSize + damage.offset);
    closeSync(fd);

    const store = stores.open({ file });
    expect(store.health.ok).toBe(false);
    expect(store.health.ok === false && store.health.detail.length).toBeGreaterThan(0);
    expect(store.schemaVersion).toBe(latestVersion);
    expect(store.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
  });

  it('refuses a file that is not a database with ERR_STORE_CORRUPT', () => {
    const file = join(stores.folder(), 'tessera.db');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(() => openStore({ file })).toThrow(
      expect.objectContaining({ code: 'ERR_STORE_CORRUPT' }),
    );
  });

  it.skipIf(process.platform === 'win32')(
    'keeps the database and its side files owner-only, tightening an existing file',
    () => {
      const file = join(stores.folder(), 'tessera.db');
      writeFileSync(file, '', { mode: 0o644 });
      expect(modeOf(file)).toBe(0o644);
      const store = stores.open({ file });
      store.db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    },
  );

  it('opens read-only without writing or creating anything', () => {
    const folder = stores.folder();
    const file = join(folder, 'tessera.db');
    openStore({ file }).close();

    const store = stores.open({ file, readonly: true });
    expect(store.health).toEqual({ ok: true });
    expect(store.schemaVersion).toBe(latestVersion);
    expect(() => store.db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run()).toThrow(
      /readonly/,
    );
    expect(() => openStore({ file: join(folder, 'missing.db'), readonly: true })).toThrow();
    expect(existsSync(join(folder, 'missing.db'))).toBe(false);
  });

  it('refuses a read-only open of a schema that still needs upgrading', () => {
    const file = join(stores.folder(), 'tessera.db');
    writeFileSync(file, '');
    expect(() => openStore({ file, readonly: true })).toThrow(
      expect.objectContaining({ code: 'ERR_STORE_READONLY' }),
    );
  });
});
