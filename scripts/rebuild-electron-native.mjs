// Builds better-sqlite3 for Electron's ABI into resources/native/electron/, leaving the Node
// build in node_modules (which `npm test` uses) untouched. It downloads Electron's headers, so it
// runs only where that is possible; `npm start` calls it before the first desktop launch.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const electronSqliteBinding = 'resources/native/electron/better_sqlite3.node';

/** Builds the Electron-ABI addon unless it is already there. */
export async function rebuildElectronNative() {
  if (existsSync(electronSqliteBinding)) return;
  const { rebuild } = await import('@electron/rebuild');
  const electronVersion = JSON.parse(
    readFileSync('node_modules/electron/package.json', 'utf8'),
  ).version;
  const work = mkdtempSync(join(tmpdir(), 'tessera-electron-native-'));
  try {
    cpSync('node_modules/better-sqlite3', join(work, 'node_modules/better-sqlite3'), {
      recursive: true,
    });
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify({ name: 'native', dependencies: { 'better-sqlite3': '*' } }),
    );
    await rebuild({
      buildPath: work,
      electronVersion,
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    mkdirSync('resources/native/electron', { recursive: true });
    cpSync(
      join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
      electronSqliteBinding,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
