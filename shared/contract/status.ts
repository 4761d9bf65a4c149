import type { Role } from './define';

/** Where the master key that seals the signing keys lives. */
export type KeychainBackend = 'keychain' | 'key-file' | 'environment';

/** Output of `status`: what the status bar shows. */
export interface StatusDto {
  readonly version: string;
  /** The role of the caller, as the transport authenticated it. */
  readonly role: Role;
  readonly dataDir: string;
  readonly startedAtMs: number;
  readonly nowMs: number;
  readonly issuer: string;
  readonly keychain: {
    readonly backend: KeychainBackend;
    /** A sentence to show when the master key is less protected than in an OS keychain. */
    readonly warning: string | null;
  };
  readonly database: {
    readonly file: string;
    readonly bytes: number;
    readonly walBytes: number;
    /** Null when the integrity check at start passed. */
    readonly problem: string | null;
  };
  /** Null while tokens can be issued; otherwise why not (a failed integrity check, unusable keys). */
  readonly issuingRefused: string | null;
  readonly counts: {
    readonly sessions: number;
    readonly activeSessions: number;
    readonly refreshTokens: number;
    readonly revocations: number;
    readonly signingKeys: number;
    readonly clients: number;
    readonly users: number;
    readonly events: number;
    /** Revocations held in memory for verification. */
    readonly revocationsInMemory: number;
  };
}
