import { masterKeyFingerprint } from './fingerprint';
import { open, seal } from './sealed-box';

/** Where the master key came from. */
export type VaultBackend = 'keychain' | 'key-file' | 'environment';

/**
 * Seals and opens secrets (such as private signing keys) with the master key, which it holds
 * but never exposes: callers store only sealed bytes, and the fingerprint to notice when the
 * master key has changed under them.
 */
export interface Vault {
  readonly backend: VaultBackend;
  /** A sentence to show the user when the master key is less protected than in a keychain. */
  readonly warning: string | null;
  /** A non-secret identifier of the master key; see `checkFingerprint`. */
  readonly fingerprint: string;
  /** Seals `plaintext` for the record named by `associatedData` (see `sealed-box.ts`). */
  seal(plaintext: Buffer, associatedData: string): Buffer;
  /** Opens what {@link Vault.seal} sealed for the same record, or throws ERR_SECRETS_TAMPERED. */
  open(sealed: Buffer, associatedData: string): Buffer;
}

/** Wraps a master key as a {@link Vault}; `openVault` decides which key and backend. */
export function createVault(key: Buffer, backend: VaultBackend, warning: string | null): Vault {
  // A private copy: whoever handed the key over cannot change it under the vault.
  const masterKey = Buffer.from(key);
  return Object.freeze({
    backend,
    warning,
    fingerprint: masterKeyFingerprint(masterKey),
    seal: (plaintext: Buffer, associatedData: string) => seal(masterKey, plaintext, associatedData),
    open: (sealed: Buffer, associatedData: string) => open(masterKey, sealed, associatedData),
  });
}
