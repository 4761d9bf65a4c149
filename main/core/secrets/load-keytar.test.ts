import { afterEach, expect, it, vi } from 'vitest';
import { loadKeytar } from './keychain';

afterEach(() => {
  vi.doUnmock('keytar');
  vi.resetModules();
});

it('resolves null, and says why, when keytar does not load', async () => {
  vi.doMock('keytar', () => {
    throw new Error('libsecret-1.so.0: cannot open shared object file');
  });
  const lines: string[] = [];
  expect(await loadKeytar((line) => lines.push(line))).toBeNull();
  // Vitest rewords the loader's error; what matters is one line giving a reason.
  expect(lines).toEqual([expect.stringMatching(/^keytar could not be loaded: ./)]);
});

it('takes keytar’s functions from its CommonJS default export', async () => {
  const getPassword = vi.fn(async () => 'stored');
  vi.doMock('keytar', () => ({
    default: { getPassword, setPassword: vi.fn(), deletePassword: vi.fn() },
  }));
  const keychain = await loadKeytar();
  expect(await keychain?.getPassword('tessera-test', 'account')).toBe('stored');
  expect(getPassword).toHaveBeenCalledWith('tessera-test', 'account');
});
