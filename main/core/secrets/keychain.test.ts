import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadKeytar, type Keychain } from './keychain';
import { keychainAccount, openVault } from './master-key';

// A service of its own per run, so the user's real `tessera` entry is never touched.
const service = `tessera-test-${randomBytes(6).toString('hex')}`;
const probeTimeoutMs = 5_000;

/** The real keychain when keytar loads and a Secret Service answers; otherwise why not. */
async function probeKeychain(): Promise<{ keychain: Keychain | null; reason: string }> {
  const keychain = await loadKeytar();
  if (!keychain) return { keychain: null, reason: 'keytar is not installed or did not load' };
  const account = `probe-${randomBytes(6).toString('hex')}`;
  const probe = async () => {
    await keychain.setPassword(service, account, 'x');
    const readBack = await keychain.getPassword(service, account);
    await keychain.deletePassword(service, account);
    if (readBack !== 'x') throw new Error('the keychain did not return what was stored');
  };
  // A locked keychain on a desktop may wait for a person; the tests must not.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 5 s')), probeTimeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { keychain, reason: '' };
  } catch (error) {
    return { keychain: null, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const { keychain, reason } = await probeKeychain();
// CI provides a Secret Service on purpose; there a missing one is a broken setup, not a skip.
if (!keychain && process.env.TESSERA_REQUIRE_KEYCHAIN === '1') {
  throw new Error(`TESSERA_REQUIRE_KEYCHAIN=1 but no usable Secret Service: ${reason}`);
}
if (keychain) {
  console.log(`Real OS keychain reachable: running the keychain tests (service ${service}).`);
} else {
  console.log(`Skipping the real OS keychain tests: no usable Secret Service (${reason}).`);
}

const folders: string[] = [];

afterEach(async () => {
  await keychain?.deletePassword(service, keychainAccount);
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

afterAll(async () => {
  await keychain?.deletePassword(service, keychainAccount);
});

async function dataDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tessera-keychain-'));
  folders.push(folder);
  return folder;
}

describe('real OS keychain', () => {
  it.skipIf(!keychain)('stores, reads and deletes a password through keytar', async () => {
    const real = keychain!;
    await real.setPassword(service, keychainAccount, 'value');
    expect(await real.getPassword(service, keychainAccount)).toBe('value');
    expect(await real.deletePassword(service, keychainAccount)).toBe(true);
    expect(await real.getPassword(service, keychainAccount)).toBeNull();
  });

  it.skipIf(!keychain)('creates the master key in the keychain and reuses it', async () => {
    const folder = await dataDir();
    const first = await openVault({ dataDir: folder, env: {}, service });
    expect(first.backend).toBe('keychain');
    expect(first.warning).toBeNull();
    expect(await readdir(folder)).toEqual([]);
    const stored = await keychain!.getPassword(service, keychainAccount);
    expect(Buffer.from(stored ?? '', 'base64')).toHaveLength(32);

    const second = await openVault({ dataDir: folder, env: {}, service });
    expect(second.backend).toBe('keychain');
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.open(first.seal(Buffer.from('secret'), 'r'), 'r').toString()).toBe('secret');
  });

  it.skipIf(!keychain)(
    'moves a key file into the keychain, verified, then deletes it',
    async () => {
      const folder = await dataDir();
      const fromFile = await openVault({ dataDir: folder, env: {}, keychain: null });
      expect(fromFile.backend).toBe('key-file');
      const keyText = (await readFile(join(folder, 'master.key'), 'utf8')).trim();
      const sealed = fromFile.seal(Buffer.from('signing key'), 'signing-key:k1');

      const lines: string[] = [];
      const moved = await openVault({
        dataDir: folder,
        env: {},
        service,
        log: (l) => lines.push(l),
      });
      expect(moved.backend).toBe('keychain');
      expect(moved.warning).toBeNull();
      expect(moved.fingerprint).toBe(fromFile.fingerprint);
      expect(moved.open(sealed, 'signing-key:k1').toString()).toBe('signing key');
      expect(await keychain!.getPassword(service, keychainAccount)).toBe(keyText);
      expect(await readdir(folder)).toEqual([]);
      expect(lines).toEqual([
        `Moved the master key from ${join(folder, 'master.key')} into the OS keychain.`,
      ]);
    },
  );
});
