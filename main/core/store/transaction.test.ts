import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.test-helper';
import { immediate } from './transaction';

const stores = useTempStores();

function openWithTable(): { db: Database.Database; file: string } {
  const file = join(stores.folder(), 'tessera.db');
  const { db } = stores.open({ file });
  db.exec('CREATE TABLE items (name TEXT NOT NULL) STRICT');
  return { db, file };
}

function names(db: Database.Database): string[] {
  return db.prepare('SELECT name FROM items ORDER BY name').pluck().all() as string[];
}

describe('immediate', () => {
  it('commits and returns what the function returns', () => {
    const { db } = openWithTable();
    const result = immediate(db, () => db.prepare("INSERT INTO items VALUES ('a')").run().changes);
    expect(result).toBe(1);
    expect(names(db)).toEqual(['a']);
  });

  it('holds the write lock from the start, before the first write', () => {
    const { db, file } = openWithTable();
    const other = new Database(file, { timeout: 0 });
    try {
      immediate(db, () => {
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked/);
      });
    } finally {
      other.close();
    }
  });

  it('rolls back and rethrows when the function throws', () => {
    const { db } = openWithTable();
    const failure = new Error('stop');
    expect(() =>
      immediate(db, () => {
        db.prepare("INSERT INTO items VALUES ('a')").run();
        throw failure;
      }),
    ).toThrow(failure);
    expect(db.inTransaction).toBe(false);
    expect(names(db)).toEqual([]);
  });

  it('rejects an async function and rolls back what it did before its first await', () => {
    const { db } = openWithTable();
    expect(() =>
      immediate(db, async () => {
        db.prepare("INSERT INTO items VALUES ('a')").run();
      }),
    ).toThrow(/must not stay open across an await/);
    expect(db.inTransaction).toBe(false);
    expect(names(db)).toEqual([]);
  });

  it('rejects any thenable, and a promise that later rejects is not left unhandled', () => {
    const { db } = openWithTable();
    expect(() => immediate(db, () => ({ then: () => undefined }))).toThrow(TypeError);
    expect(() => immediate(db, () => Promise.reject(new Error('late')))).toThrow(TypeError);
    expect(db.inTransaction).toBe(false);
  });
});
