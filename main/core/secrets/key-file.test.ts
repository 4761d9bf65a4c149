import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createKeyFile, readKeyFile } from './key-file';

let folder = '';

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('never replaces a key file that already exists: the existing key wins', async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-key-file-'));
  const path = join(folder, 'master.key');
  const first = randomBytes(32);
  expect(await createKeyFile(path, first)).toEqual(first);

  // As when another Tessera created the file between our look and our write.
  expect(await createKeyFile(path, randomBytes(32))).toEqual(first);
  expect(await readKeyFile(path)).toEqual(first);
  expect(await readdir(folder)).toEqual(['master.key']);
});

it('reads no key where there is no key file', async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-key-file-'));
  expect(await readKeyFile(join(folder, 'master.key'))).toBeNull();
});
