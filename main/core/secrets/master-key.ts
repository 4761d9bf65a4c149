import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TesseraError } from '../tessera-error';
import { createKeyFile, keyFileName, readKeyFile, removeKeyFile } from './key-file';
import { loadKeytar, type Keychain } from './keychain';
import { decodeMasterKey, encodeMasterKey, masterKeyLength } from './master-key-encoding';
import { createVault, type Vault } from './vault';

/** The environment variable that, when set, is the master key. */
export const masterKeyVariable = 'TESSERA_MASTER_KEY';

/** The keychain account that holds the master key, under the service given to `openVault`. */
export const keychainAccount = 'master-key';

const environmentWarning =
  `The master key comes from ${masterKeyVariable}, which other processes of this user can ` +
  'read.';
const keyFileWarning =
  'No OS keychain is available: the master key is in a file in the data folder, protected ' +
  'only by file permissions.';

/** Options for {@link openVault}. */
export interface OpenVaultOptions {
  /** The data folder; the fallback key file is `master.key` in it. */
  readonly dataDir: string;
  /** Where TESSERA_MASTER_KEY is looked up; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** The keychain; undefined loads keytar, null means there is none. */
  readonly keychain?: Keychain | null;
  /** The keychain service name; default `tessera` (tests use their own, never the user's). */
  readonly service?: string;
  /** Receives one line, never a secret, for each noteworthy step; `warning` is what users see. */
  readonly log?: (line: string) => void;
}

/**
 * Finds or creates the master key and returns a {@link Vault} over it. Never falls back to
 * storing secrets in plaintext: without a usable key it throws ERR_SECRETS_UNAVAILABLE.
 *
 * Order:
 * 1. TESSERA_MASTER_KEY, when set: an explicit operator choice (headless, containers), so it
 *    wins and nothing else is consulted. A malformed value is an error, never a fall-through,
 *    since another key would not open what this one sealed.
 * 2. The OS keychain, authoritative once it holds a key. One entry serves every data folder
 *    of the user. When it is empty and a key file exists (Tessera ran earlier without a
 *    keychain), that key is moved into it: written, read back, and only when it reads back
 *    the same is the file deleted. When it is empty and there is no file, a new key is made
 *    and verified the same way. A keychain that throws or does not keep the key counts as
 *    unavailable. Its calls are not timed out: on a desktop one may wait for the user to
 *    unlock the keychain, and giving up then would seal new secrets with another key.
 * 3. The key file `<dataDir>/master.key` (owner-only, created if missing), with a warning.
 */
export async function openVault(options: OpenVaultOptions): Promise<Vault> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const keyFile = join(options.dataDir, keyFileName);

  const fromEnvironment = env[masterKeyVariable];
  if (fromEnvironment !== undefined) {
    return createVault(environmentKey(fromEnvironment), 'environment', environmentWarning);
  }

  // One new key for both places: if a keychain that seemed not to keep it did keep it after
  // all, the key file made next holds the same key, and the next start finishes the move.
  const newKey = randomBytes(masterKeyLength);
  const keychain = options.keychain === undefined ? await loadKeytar(log) : options.keychain;
  if (keychain) {
    const place = { keychain, service: options.service ?? 'tessera', keyFile, newKey, log };
    const key = await keyFromKeychain(place);
    if (key) return createVault(key, 'keychain', null);
  } else {
    log('No OS keychain is available; using the master key file.');
  }
  const key = (await readKeyFile(keyFile)) ?? (await createKeyFile(keyFile, newKey));
  return createVault(key, 'key-file', keyFileWarning);
}

interface KeychainPlace {
  readonly keychain: Keychain;
  readonly service: string;
  readonly keyFile: string;
  /** The key to store when there is none yet. */
  readonly newKey: Buffer;
  readonly log: (line: string) => void;
}

/** The key from the keychain, stored there first if need be; null if the keychain is unusable. */
async function keyFromKeychain(place: KeychainPlace): Promise<Buffer | null> {
  const { keychain, service, keyFile, log } = place;
  let stored: string | null;
  try {
    stored = await keychain.getPassword(service, keychainAccount);
  } catch (error) {
    log(`The OS keychain is unavailable (${describe(error)}); using the master key file.`);
    return null;
  }

  if (stored !== null) {
    const key = decodeMasterKey(stored);
    if (!key) {
      // Replacing it could destroy the only copy of a key that secrets are sealed with.
      throw new TesseraError(
        'ERR_SECRETS_UNAVAILABLE',
        `The OS keychain entry "${service}/${keychainAccount}" does not hold a base64-encoded ` +
          `${masterKeyLength}-byte key; restore it, or set ${masterKeyVariable}.`,
      );
    }
    await settleLeftoverKeyFile(key, keyFile, log);
    return key;
  }

  const fileKey = await readKeyFile(keyFile);
  const key = fileKey ?? place.newKey;
  if (!(await storeVerified(place, key))) return null;
  if (fileKey) {
    await removeMovedKeyFile(
      keyFile,
      log,
      `Moved the master key from ${keyFile} into the OS keychain.`,
    );
  }
  return key;
}

/** Writes the key to the keychain and reads it back; false, and logged, if it did not stick. */
async function storeVerified(place: KeychainPlace, key: Buffer): Promise<boolean> {
  const { keychain, service, log } = place;
  try {
    await keychain.setPassword(service, keychainAccount, encodeMasterKey(key));
    const readBack = await keychain.getPassword(service, keychainAccount);
    if (readBack !== null && decodeMasterKey(readBack)?.equals(key)) return true;
    log('The OS keychain did not keep the master key; using the master key file.');
  } catch (error) {
    log(`The OS keychain cannot store the master key (${describe(error)}); using the key file.`);
  }
  return false;
}

/**
 * A key file next to a keychain key is left by a move that stopped before deleting it: when
 * it holds the same key, the move is finished. A different key (for instance from a data
 * folder that ran without a keychain while another used it) is left alone, since deleting it
 * could lose the only copy of the key that folder's secrets were sealed with.
 */
async function settleLeftoverKeyFile(
  key: Buffer,
  keyFile: string,
  log: (line: string) => void,
): Promise<void> {
  let fileKey: Buffer | null;
  try {
    fileKey = await readKeyFile(keyFile);
  } catch (error) {
    log(`${keyFile} is left alone: ${describe(error)}`);
    return;
  }
  if (fileKey === null) return;
  if (fileKey.equals(key)) {
    await removeMovedKeyFile(
      keyFile,
      log,
      `Removed ${keyFile}: the OS keychain holds the same master key.`,
    );
  } else {
    log(
      `${keyFile} holds another master key than the OS keychain and is left alone; to use it, ` +
        `set ${masterKeyVariable} to its contents.`,
    );
  }
}

/**
 * Deletes a key file whose key the keychain now holds. A failure is logged, not thrown: the
 * keychain works, and the next start finds the same key in both places and tries again.
 */
async function removeMovedKeyFile(
  keyFile: string,
  log: (line: string) => void,
  done: string,
): Promise<void> {
  try {
    await removeKeyFile(keyFile);
    log(done);
  } catch (error) {
    log(`${keyFile} could not be removed (${describe(error)}); the next start tries again.`);
  }
}

function environmentKey(value: string): Buffer {
  const key = decodeMasterKey(value);
  if (key) return key;
  // The value itself is never echoed: it may be a real key with a typo.
  throw new TesseraError(
    'ERR_SECRETS_UNAVAILABLE',
    `${masterKeyVariable} must be exactly ${masterKeyLength} bytes written in base64 or base64url ` +
      `(for example from "openssl rand -base64 ${masterKeyLength}"); unset it to use the OS ` +
      'keychain instead.',
  );
}

function describe(error: unknown): string {
  // Keychain and file errors name the failing call, never the stored value.
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
