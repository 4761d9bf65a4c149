import { createSubjectFilter, type SubjectFilter } from './subject-filter';

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

/** One kind's revocations: subject → expiry, and a filter that answers most misses alone. */
interface KindEntries {
  readonly expiries: Map<string, number>;
  filter: SubjectFilter;
}

/** Creates an empty index. */
export function createRevocationIndex(): RevocationIndex {
  // One map per kind, so a session id and a jti that happen to be equal cannot be confused, and
  // a look-up is a plain string key with no concatenation.
  const kinds: Record<RevocationKind, KindEntries> = {
    session: { expiries: new Map(), filter: createSubjectFilter(0) },
    family: { expiries: new Map(), filter: createSubjectFilter(0) },
    jti: { expiries: new Map(), filter: createSubjectFilter(0) },
  };

  /** Records the revocation in its map; true when the subject is new there. */
  const store = (kind: RevocationKind, subject: string, expiresMs: number): boolean => {
    const { expiries } = kinds[kind];
    const known = expiries.get(subject);
    if (known === undefined || known < expiresMs) expiries.set(subject, expiresMs);
    return known === undefined;
  };

  return {
    add(kind, subject, expiresMs) {
      if (!store(kind, subject, expiresMs)) return;
      const entries = kinds[kind];
      if (entries.expiries.size > entries.filter.capacity) rebuildFilter(entries);
      else entries.filter.add(subject);
    },
    load(rows) {
      // The filters are rebuilt once at the end, even if a row is refused: that hashes each
      // subject once, where growing them row by row would about double the work.
      try {
        for (const row of rows) {
          if (!isRevocationKind(row.kind)) {
            throw new Error(
              `A stored revocation has the unknown kind ${JSON.stringify(row.kind)}.`,
            );
          }
          store(row.kind, row.subject, row.expires_ms);
        }
      } finally {
        for (const entries of Object.values(kinds)) rebuildFilter(entries);
      }
    },
    isRevoked({ sid, jti, familyId }) {
      return holds(kinds.session, sid) || holds(kinds.jti, jti) || holds(kinds.family, familyId);
    },
    prune(nowMs) {
      const forgetBefore = nowMs - revocationGraceMs;
      let forgotten = 0;
      // A full scan: pruning runs rarely (say once a minute), and 100,000 entries take a few
      // milliseconds, so an expiry-ordered structure would not pay for itself.
      for (const entries of Object.values(kinds)) {
        const before = entries.expiries.size;
        for (const [subject, expiresMs] of entries.expiries) {
          if (expiresMs < forgetBefore) entries.expiries.delete(subject);
        }
        // Forgotten subjects stay set in the filter until it is rebuilt, and would only send
        // more look-ups on to the map. A rebuild reads every remaining subject again: some tens
        // of milliseconds at 100,000, paid only when something was forgotten.
        if (entries.expiries.size < before) rebuildFilter(entries);
        forgotten += before - entries.expiries.size;
      }
      return forgotten;
    },
    size: () => kinds.session.expiries.size + kinds.family.expiries.size + kinds.jti.expiries.size,
  };
}

function holds(entries: KindEntries, subject: string | undefined): boolean {
  return (
    subject !== undefined &&
    entries.expiries.size > 0 &&
    entries.filter.mightHold(subject) &&
    entries.expiries.has(subject)
  );
}

/** A new filter holding every subject of the kind, with room to grow to twice as many. */
function rebuildFilter(entries: KindEntries): void {
  const filter = createSubjectFilter(entries.expiries.size * 2);
  for (const subject of entries.expiries.keys()) filter.add(subject);
  entries.filter = filter;
}

function isRevocationKind(kind: string): kind is RevocationKind {
  return kind === 'session' || kind === 'family' || kind === 'jti';
}
