import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { knownSchemaVersion, migrate } from './migrate';
import { migrations } from './migrations';
import type { Migration } from './migrations/migration';
import { useTempStores } from './temp-store.test-helper';

const stores = useTempStores();
const databases: Database.Database[] = [];

afterEach(() => {
  for (const db of databases.splice(0)) db.close();
});

function freshDatabase(): Database.Database {
  const db = new Database(join(stores.folder(), 'tessera.db'));
  db.pragma('journal_mode = WAL');
  databases.push(db);
  return db;
}

function tableNames(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrate', () => {
  it('numbers the shipped migrations 1, 2, 3… with no gap', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(
      migrations.map((_, index) => index + 1),
    );
  });

  it('applies each step once, in order, and records the version', () => {
    const applied: number[] = [];
    const list: Migration[] = [
      { version: 1, name: 'one', up: 'CREATE TABLE one (id INTEGER PRIMARY KEY) STRICT;' },
      {
        version: 2,
        name: 'two',
        up: (db) => {
          applied.push(2);
          db.exec('CREATE TABLE two (id INTEGER PRIMARY KEY REFERENCES one (id)) STRICT;');
        },
      },
      {
        version: 3,
        name: 'three',
        up: () => {
          applied.push(3);
          return undefined;
        },
      },
    ];
    const db = freshDatabase();
    expect(migrate(db, list)).toBe(3);
    expect(migrate(db, list)).toBe(3);
    expect(applied).toEqual([2, 3]);
    expect(tableNames(db)).toEqual(['one', 'two']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
  });

  it('applies only the steps after the file’s version', () => {
    const db = freshDatabase();
    const first: Migration = { version: 1, name: 'one', up: 'CREATE TABLE one (id INTEGER);' };
    migrate(db, [first]);
    const later: Migration = { version: 2, name: 'two', up: 'CREATE TABLE two (id INTEGER);' };
    expect(migrate(db, [first, later])).toBe(2);
    expect(tableNames(db)).toEqual(['one', 'two']);
  });

  it('rolls a failing step back whole, keeping the steps before it', () => {
    const db = freshDatabase();
    const list: Migration[] = [
      { version: 1, name: 'one', up: 'CREATE TABLE one (id INTEGER);' },
      { version: 2, name: 'broken', up: 'CREATE TABLE two (id INTEGER); CREATE TABLE one (x);' },
    ];
    expect(() => migrate(db, list)).toThrow(
      expect.objectContaining({
        code: 'ERR_STORE_MIGRATION',
        message: expect.stringMatching(/^Could not upgrade the data folder to schema 2 \(broken\)/),
      }),
    );
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tableNames(db)).toEqual(['one']);
  });

  it('refuses a file newer than the steps it knows', () => {
    const db = freshDatabase();
    db.pragma('user_version = 7');
    const list: Migration[] = [{ version: 1, name: 'one', up: 'CREATE TABLE one (id INTEGER);' }];
    const message =
      'This data folder was written by a newer Tessera (schema 7; this one knows up to 1).';
    expect(() => knownSchemaVersion(db, list)).toThrow(message);
    expect(() => migrate(db, list)).toThrow(message);
    expect(tableNames(db)).toEqual([]);
  });
});
