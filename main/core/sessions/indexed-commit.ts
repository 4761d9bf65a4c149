import type { Effects } from '../events/effects';

/**
 * Runs `work` in one durable (group-commit) transaction and, once it has committed, adds every
 * `effects.revocations` entry to the in-memory revocation index before resolving: the token
 * service's `commit`. Session operations need exactly that one, so that a revoked session's access
 * tokens stop verifying the moment the call returns; `commits.run` alone would leave them valid.
 */
export type IndexedCommit = <T>(work: (effects: Effects) => T) => Promise<T>;
