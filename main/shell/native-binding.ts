import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 built for Electron's ABI, kept apart from the Node build that `npm test` uses
 * (`npm run rebuild:electron` puts it there; a packaged app ships it in resources/native).
 * Undefined falls back to the installed addon, which only loads if it matches this ABI.
 */
export function electronSqliteBinding(): string | undefined {
  const base = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
  const file = join(base, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
