import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from './open-store';

/**
 * Real files for store tests: a fresh folder per call, removed after each test together with
 * every store opened through `open`.
 */
export function useTempStores(): {
  folder(): string;
  open(options: OpenStoreOptions): Store;
} {
  const folders: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    folder() {
      const folder = mkdtempSync(join(tmpdir(), 'tessera-store-'));
      folders.push(folder);
      return folder;
    },
    open(options) {
      const store = openStore(options);
      stores.push(store);
      return store;
    },
  };
}
