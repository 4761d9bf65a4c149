import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TesseraError } from '../tessera-error';
import { checkFingerprint } from './fingerprint';
import type { Keychain } from './keychain';
import { keychainAccount, openVault, type OpenVaultOptions } from './master-key';
import type { Vault } from './vault';

const posix = process.platform !== 'win32';
const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tessera-secrets-'));
  folders.push(folder);
  return folder;
}

/** An in-memory keychain; `fault` makes it fail the way a broken Secret Service does. */
function fakeKeychain(fault?: 'throws' | 'set-throws' | 'forgets'): Keychain & {
  entries: Map<string, string>;
} {
  const entries = new Map<string, string>();
  const noSecretService = () =>
    Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
  return {
    entries,
    getPassword: async (service, account) =>
      fault === 'throws' ? noSecretService() : (entries.get(`${service}/${account}`) ?? null),
    setPassword: async (service, account, password) => {
      if (fault === 'throws' || fault === 'set-throws') return noSecretService();
      if (fault !== 'forgets') entries.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
  };
}

/** Opens a vault with no TESSERA_MASTER_KEY, collecting its log lines. */
async function open(options: Partial<OpenVaultOptions> & { dataDir: string }) {
  const lines: string[] = [];
  const vault = await openVault({ env: {}, log: (line) => lines.push(line), ...options });
  return { vault, lines };
}

async function rejection(promise: Promise<unknown>): Promise<TesseraError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TesseraError);
  return error as TesseraError;
}

function expectSameKey(first: Vault, second: Vault): void {
  expect(second.fingerprint).toBe(first.fingerprint);
  expect(second.open(first.seal(Buffer.from('secret'), 'r'), 'r').toString()).toBe('secret');
}

describe('master key from TESSERA_MASTER_KEY', () => {
  const key = randomBytes(32);

  it.each([
    ['base64', key.toString('base64')],
    ['base64 without padding', key.toString('base64').replace('=', '')],
    ['base64url', key.toString('base64url')],
    ['base64 with a trailing newline', `${key.toString('base64')}\n`],
  ])('accepts %s, and consults nothing else', async (_form, value) => {
    const folder = await dataDir();
    const keychain = fakeKeychain('throws');
    const { vault } = await open({ dataDir: folder, keychain, env: { TESSERA_MASTER_KEY: value } });
    expect(vault.backend).toBe('environment');
    expect(vault.warning).toContain('TESSERA_MASTER_KEY');
    expectSameKey(
      vault,
      (await open({ dataDir: folder, env: { TESSERA_MASTER_KEY: value } })).vault,
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['hex', key.toString('hex')],
    ['mixed alphabets', `+_${key.toString('base64url').slice(2)}`],
    ['a non-canonical last character', `${key.toString('base64url').slice(0, 42)}B`],
    ['text', 'correct horse battery staple correct horse!'],
  ])('refuses %s without echoing it', async (_form, value) => {
    const error = await rejection(
      openVault({ dataDir: await dataDir(), keychain: null, env: { TESSERA_MASTER_KEY: value } }),
    );
    expect(error.code).toBe('ERR_SECRETS_UNAVAILABLE');
    expect(error.message).toMatch(/TESSERA_MASTER_KEY must be exactly 32 bytes .*base64url/);
    if (value !== '') expect(error.message).not.toContain(value.slice(0, 8));
  });
});

describe('master key file (no keychain)', () => {
  it('creates master.key owner-only, reuses it, and warns', async () => {
    const folder = await dataDir();
    const first = await open({ dataDir: folder, keychain: null });
    expect(first.vault.backend).toBe('key-file');
    expect(first.vault.warning).toBe(
      'No OS keychain is available: the master key is in a file in the data folder, protected ' +
        'only by file permissions.',
    );
    expect(first.lines).toEqual(['No OS keychain is available; using the master key file.']);
    // Nothing but the key: the temporary file is gone.
    expect(await readdir(folder)).toEqual(['master.key']);
    if (posix) expect((await stat(join(folder, 'master.key'))).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await readFile(join(folder, 'master.key'), 'utf8'), 'base64')).toHaveLength(
      32,
    );

    expectSameKey(first.vault, (await open({ dataDir: folder, keychain: null })).vault);
  });

  it('creates the data folder when it is missing', async () => {
    const folder = join(await dataDir(), 'nested', 'data');
    expect((await open({ dataDir: folder, keychain: null })).vault.backend).toBe('key-file');
    if (posix) expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it.skipIf(!posix)('refuses a key file that others can read, saying how to fix it', async () => {
    const folder = await dataDir();
    await open({ dataDir: folder, keychain: null });
    const keyFile = join(folder, 'master.key');
    await chmod(keyFile, 0o644);
    const error = await rejection(openVault({ dataDir: folder, keychain: null, env: {} }));
    expect(error.code).toBe('ERR_SECRETS_UNAVAILABLE');
    expect(error.message).toBe(
      `The master key file ${keyFile} has permissions 0644; make it 0600 (chmod 600 ${keyFile}) ` +
        'so that only its owner can read it.',
    );
    // Refusing never replaces the key.
    await chmod(keyFile, 0o600);
    expect((await open({ dataDir: folder, keychain: null })).vault.backend).toBe('key-file');
  });

  it('refuses a damaged key file rather than replacing it', async () => {
    const folder = await dataDir();
    await writeFile(join(folder, 'master.key'), 'not a key\n', { mode: 0o600 });
    const error = await rejection(openVault({ dataDir: folder, keychain: null, env: {} }));
    expect(error.code).toBe('ERR_SECRETS_UNAVAILABLE');
    expect(error.message).toContain('does not hold a base64-encoded 32-byte key');
    expect(await readFile(join(folder, 'master.key'), 'utf8')).toBe('not a key\n');
  });
});

describe('master key in the OS keychain (fake)', () => {
  it('falls back to the key file, with a warning, when the keychain throws', async () => {
    const folder = await dataDir();
    const { vault, lines } = await open({ dataDir: folder, keychain: fakeKeychain('throws') });
    expect(vault.backend).toBe('key-file');
    expect(vault.warning).toMatch(/^No OS keychain is available/);
    expect(lines).toEqual([
      'The OS keychain is unavailable (Cannot autolaunch D-Bus without X11 $DISPLAY); using the ' +
        'master key file.',
    ]);
    const keyText = (await readFile(join(folder, 'master.key'), 'utf8')).trim();
    expect(lines.join('\n')).not.toContain(keyText);
  });

  it('falls back when the keychain cannot store the key, then keeps using the file', async () => {
    const folder = await dataDir();
    const keychain = fakeKeychain('set-throws');
    const first = await open({ dataDir: folder, keychain });
    expect(first.vault.backend).toBe('key-file');
    expect(first.lines[0]).toMatch(/^The OS keychain cannot store the master key \(/);
    expectSameKey(first.vault, (await open({ dataDir: folder, keychain })).vault);
  });

  it('keeps the key file when the keychain silently forgets what it was given', async () => {
    const folder = await dataDir();
    const keychain = fakeKeychain('forgets');
    const first = await open({ dataDir: folder, keychain });
    expect(first.vault.backend).toBe('key-file');
    expect(first.lines).toEqual([
      'The OS keychain did not keep the master key; using the master key file.',
    ]);
    // The next start tries to move the file's key, fails to verify it, and keeps the file.
    const second = await open({ dataDir: folder, keychain });
    expect(second.vault.backend).toBe('key-file');
    expectSameKey(first.vault, second.vault);
  });

  it('creates the key in the keychain, writes no file, and reuses it', async () => {
    const folder = await dataDir();
    const keychain = fakeKeychain();
    const first = await open({ dataDir: folder, keychain, service: 'tessera-unit' });
    expect(first.vault.backend).toBe('keychain');
    expect(first.vault.warning).toBeNull();
    expect([...keychain.entries.keys()]).toEqual([`tessera-unit/${keychainAccount}`]);
    expect(await readdir(folder)).toEqual([]);
    expectSameKey(
      first.vault,
      (await open({ dataDir: folder, keychain, service: 'tessera-unit' })).vault,
    );
  });

  it('uses the service `tessera` by default', async () => {
    const keychain = fakeKeychain();
    await open({ dataDir: await dataDir(), keychain });
    expect([...keychain.entries.keys()]).toEqual(['tessera/master-key']);
  });

  it('finishes an interrupted move: a key file equal to the keychain key is removed', async () => {
    const folder = await dataDir();
    const fromFile = (await open({ dataDir: folder, keychain: null })).vault;
    const keychain = fakeKeychain();
    keychain.entries.set(
      'tessera/master-key',
      (await readFile(join(folder, 'master.key'), 'utf8')).trim(),
    );
    const { vault, lines } = await open({ dataDir: folder, keychain });
    expect(vault.backend).toBe('keychain');
    expectSameKey(fromFile, vault);
    expect(await readdir(folder)).toEqual([]);
    expect(lines).toEqual([
      `Removed ${join(folder, 'master.key')}: the OS keychain holds the same master key.`,
    ]);
  });

  it('leaves alone a key file that differs from the keychain key, and says so', async () => {
    const folder = await dataDir();
    await open({ dataDir: folder, keychain: null });
    const keychain = fakeKeychain();
    keychain.entries.set('tessera/master-key', randomBytes(32).toString('base64'));
    const { vault, lines } = await open({ dataDir: folder, keychain });
    expect(vault.backend).toBe('keychain');
    expect(await readdir(folder)).toEqual(['master.key']);
    expect(lines).toEqual([
      `${join(folder, 'master.key')} holds another master key than the OS keychain and is left ` +
        'alone; to use it, set TESSERA_MASTER_KEY to its contents.',
    ]);
  });

  it('refuses a keychain entry that is not a key, and does not overwrite it', async () => {
    const keychain = fakeKeychain();
    keychain.entries.set('tessera/master-key', 'hunter2');
    const error = await rejection(openVault({ dataDir: await dataDir(), keychain, env: {} }));
    expect(error.code).toBe('ERR_SECRETS_UNAVAILABLE');
    expect(error.message).toContain('"tessera/master-key" does not hold a base64-encoded');
    expect(error.message).not.toContain('hunter2');
    expect(keychain.entries.get('tessera/master-key')).toBe('hunter2');
  });
});

describe('fingerprint', () => {
  it('identifies the master key without revealing it', async () => {
    const key = randomBytes(32);
    const env = { TESSERA_MASTER_KEY: key.toString('base64') };
    const vault = await openVault({ dataDir: await dataDir(), env });
    expect(vault.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(key.toString('hex')).not.toContain(vault.fingerprint);
    const other = await openVault({
      dataDir: await dataDir(),
      env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
    });
    expect(other.fingerprint).not.toBe(vault.fingerprint);
  });

  it('passes when nothing was sealed yet or the key is the same', async () => {
    const vault = (await open({ dataDir: await dataDir(), keychain: null })).vault;
    expect(() => checkFingerprint(vault, null)).not.toThrow();
    expect(() => checkFingerprint(vault, vault.fingerprint)).not.toThrow();
  });

  it('reports another master key as such, with where the current one came from', async () => {
    const sealedWith = (await open({ dataDir: await dataDir(), keychain: null })).vault;
    const vault = (await open({ dataDir: await dataDir(), keychain: fakeKeychain() })).vault;
    // Without the check, GCM could only call it tampering.
    expect(() => vault.open(sealedWith.seal(Buffer.from('k'), 'r'), 'r')).toThrow(
      expect.objectContaining({ code: 'ERR_SECRETS_TAMPERED' }),
    );
    let thrown: unknown;
    try {
      checkFingerprint(vault, sealedWith.fingerprint);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TesseraError);
    expect((thrown as TesseraError).code).toBe('ERR_SECRETS_WRONG_KEY');
    expect((thrown as TesseraError).message).toBe(
      `The signing keys in this data folder were sealed with another master key (fingerprint ` +
        `${sealedWith.fingerprint}) than the one from the OS keychain (fingerprint ` +
        `${vault.fingerprint}). Start Tessera with the master key they were sealed with ` +
        '(restore the keychain entry or the master.key file, or set TESSERA_MASTER_KEY to it), ' +
        'or move this data folder aside to start again with new signing keys.',
    );
  });
});
