import { randomBytes } from 'node:crypto';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TesseraError } from '../tessera-error';
import { decodeMasterKey, encodeMasterKey } from './master-key-encoding';

/** The key file's name inside the data folder. */
export const keyFileName = 'master.key';

// Windows has no POSIX modes (Node reports 0666 there) and cannot open a folder to sync it.
const posix = process.platform !== 'win32';

/**
 * Reads the master key from a key file, or resolves null when there is none. Refuses a file
 * that its group or others may read or write: that key may already be exposed or replaced,
 * which only its owner can judge, so Tessera stops rather than go on sealing with it.
 */
export async function readKeyFile(path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw unavailable(`The master key file ${path} cannot be read (${errorCode(error)}).`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw unavailable(`The master key file ${path} is not a regular file.`);
    // Checked on the open file, so the mode and the content are those of the same file.
    const mode = stats.mode & 0o777;
    if (posix && (mode & 0o077) !== 0) {
      throw unavailable(
        `The master key file ${path} has permissions ${mode.toString(8).padStart(4, '0')}; ` +
          `make it 0600 (chmod 600 ${path}) so that only its owner can read it.`,
      );
    }
    const key = decodeMasterKey(await handle.readFile('utf8'));
    if (!key) {
      throw unavailable(
        `The master key file ${path} does not hold a base64-encoded 32-byte key; ` +
          'restore it from a backup.',
      );
    }
    return key;
  } finally {
    await handle.close();
  }
}

/**
 * Writes `key` to a new key file readable by its owner only, and resolves to the key the file
 * then holds. The key goes to a temporary file first (mode 0600, synced), which is then
 * hard-linked into place: a crash never leaves a partial key, and, unlike a rename, a link
 * never replaces a key file that appeared meanwhile; that one wins and is returned.
 */
export async function createKeyFile(path: string, key: Buffer): Promise<Buffer> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${encodeMasterKey(key)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!(await linkUnlessExists(temporary, path))) return await adoptExisting(path);
    await syncFolder(folder);
    return key;
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    throw unavailable(`The master key file ${path} cannot be created (${errorCode(error)}).`);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Deletes a key file, durably: once this resolves, a crash does not bring it back. */
export async function removeKeyFile(path: string): Promise<void> {
  await unlink(path);
  await syncFolder(dirname(path));
}

/** Links `source` to `path`; resolves false, changing nothing, when `path` already exists. */
async function linkUnlessExists(source: string, path: string): Promise<boolean> {
  try {
    await link(source, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Another Tessera created the key file first: it may already seal with that key, so it wins. */
async function adoptExisting(path: string): Promise<Buffer> {
  const existing = await readKeyFile(path);
  if (!existing) throw unavailable(`The master key file ${path} vanished while it was created.`);
  return existing;
}

async function syncFolder(folder: string): Promise<void> {
  if (!posix) return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function unavailable(message: string): TesseraError {
  return new TesseraError('ERR_SECRETS_UNAVAILABLE', message);
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
}
