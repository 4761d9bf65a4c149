/** What a revocation covers: every token of a session, of a refresh family, or one token by jti. */
export type RevocationKind = 'session' | 'family' | 'jti';

/** A revocation as stored in the `revocations` table (only the columns the index needs). */
export interface RevocationRow {
  readonly kind: string;
  readonly subject: string;
  readonly expires_ms: number;
}

/** The identifiers of one token that a revocation may name. */
export interface RevocationSubjects {
  readonly sid?: string;
  readonly jti?: string;
  readonly familyId?: string;
}

/**
 * Revoked sessions, refresh families and token ids, held in memory so that checking a token
 * costs a few map look-ups and no query. It never touches the database: the store loads it at
 * start, and whoever commits a revocation calls `add` in the same call.
 */
export interface RevocationIndex {
  /**
   * Records a revocation. `expiresMs` is the latest moment any token it covers could still be
   * valid; adding the same subject again keeps the later expiry.
   */
  add(kind: RevocationKind, subject: string, expiresMs: number): void;
  /** Adds every row, e.g. the whole `revocations` table at start. Throws on an unknown kind. */
  load(rows: Iterable<RevocationRow>): void;
  /** Whether the token's session, family or id has been revoked. */
  isRevoked(token: RevocationSubjects): boolean;
  /**
   * Forgets revocations that can no longer matter: those whose expiry is more than
   * {@link revocationGraceMs} before `nowMs`. Returns how many were forgotten.
   */
  prune(nowMs: number): number;
  /** How many revocations are held. */
  size(): number;
}

/**
 * How long past its expiry a revocation is kept. A verifier accepts a token until its exp plus
 * its clock tolerance, so an entry forgotten right at the expiry would let a revoked token pass
 * for up to that tolerance; the verifier's tolerance is capped at this value for that reason.
 */
export const revocationGraceMs = 60_000;

/** Creates an empty index. */
export function createRevocationIndex(): RevocationIndex {
  // One map per kind, so a session id and a jti that happen to be equal cannot be confused, and
  // a look-up is a plain string key with no concatenation.
  const maps: Record<RevocationKind, Map<string, number>> = {
    session: new Map(),
    family: new Map(),
    jti: new Map(),
  };

  const add = (kind: RevocationKind, subject: string, expiresMs: number): void => {
    const map = maps[kind];
    const known = map.get(subject);
    if (known === undefined || known < expiresMs) map.set(subject, expiresMs);
  };

  return {
    add,
    load(rows) {
      for (const row of rows) {
        if (!isRevocationKind(row.kind)) {
          throw new Error(`A stored revocation has the unknown kind ${JSON.stringify(row.kind)}.`);
        }
        add(row.kind, row.subject, row.expires_ms);
      }
    },
    isRevoked({ sid, jti, familyId }) {
      return (
        (sid !== undefined && maps.session.has(sid)) ||
        (jti !== undefined && maps.jti.has(jti)) ||
        (familyId !== undefined && maps.family.has(familyId))
      );
    },
    prune(nowMs) {
      const forgetBefore = nowMs - revocationGraceMs;
      let forgotten = 0;
      // A full scan: pruning runs rarely (say once a minute), and 100,000 entries take a few
      // milliseconds, so an expiry-ordered structure would not pay for itself.
      for (const map of Object.values(maps)) {
        for (const [subject, expiresMs] of map) {
          if (expiresMs < forgetBefore) {
            map.delete(subject);
            forgotten += 1;
          }
        }
      }
      return forgotten;
    },
    size: () => maps.session.size + maps.family.size + maps.jti.size,
  };
}

function isRevocationKind(kind: string): kind is RevocationKind {
  return kind === 'session' || kind === 'family' || kind === 'jti';
}
