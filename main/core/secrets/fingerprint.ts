import { createHash } from 'node:crypto';
import { TesseraError } from '../tessera-error';
import type { Vault, VaultBackend } from './vault';

// A label of its own, so the fingerprint can never equal a hash of the key made for any
// other purpose.
const fingerprintLabel = 'tessera master-key fingerprint v1\0';

const sources: Record<VaultBackend, string> = {
  keychain: 'the OS keychain',
  'key-file': 'the key file in the data folder',
  environment: 'TESSERA_MASTER_KEY',
};

/**
 * A non-secret identifier of a master key: the first 16 hex characters of SHA-256 over a fixed
 * label and the key. It tells keys apart but, from 64 bits of a hash of 256 random bits,
 * reveals nothing usable about the key.
 */
export function masterKeyFingerprint(key: Buffer): string {
  return createHash('sha256').update(fingerprintLabel).update(key).digest('hex').slice(0, 16);
}

/**
 * Throws ERR_SECRETS_WRONG_KEY when secrets in the data folder were sealed with a master key
 * other than the vault's. AES-GCM cannot tell a wrong key from tampering, so the token service
 * stores `vault.fingerprint` in its `meta` table when it first seals a key (`stored` is null
 * until then: nothing to check) and calls this before opening any: a changed master key is
 * then reported as such, with what to do, and not as tampering.
 */
export function checkFingerprint(vault: Vault, stored: string | null): void {
  if (stored === null || stored === vault.fingerprint) return;
  throw new TesseraError(
    'ERR_SECRETS_WRONG_KEY',
    `The signing keys in this data folder were sealed with another master key (fingerprint ` +
      `${stored}) than the one from ${sources[vault.backend]} (fingerprint ${vault.fingerprint}). ` +
      'Start Tessera with the master key they were sealed with (restore the keychain entry or ' +
      'the master.key file, or set TESSERA_MASTER_KEY to it), or move this data folder aside ' +
      'to start again with new signing keys.',
  );
}
