import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A file ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Reads the built console's files. Unknown paths fall back to index.html (the console routes
 * itself); paths that escape the folder are refused. Files are read once and kept: they never
 * change while the host runs.
 */
export function createStaticFiles(rootDir: string) {
  const root = resolve(rootDir);
  const cache = new Map<string, StaticFile>();

  const load = async (file: string): Promise<StaticFile | null> => {
    const hit = cache.get(file);
    if (hit) return hit;
    try {
      const body = await readFile(file);
      const entry = {
        body,
        contentType: contentTypes[extname(file)] ?? 'application/octet-stream',
      };
      cache.set(file, entry);
      return entry;
    } catch {
      return null;
    }
  };

  return async function lookup(urlPath: string): Promise<StaticFile | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const file = resolve(root, `.${decoded}`);
    if (file !== root && !file.startsWith(root + sep)) return null;
    const found = file === root ? null : await load(file);
    return found ?? (extname(decoded) ? null : load(resolve(root, 'index.html')));
  };
}
