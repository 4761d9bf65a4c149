/** A successor remembered for the grace window, keyed by its predecessor's hash. */
interface GraceEntry {
  readonly successor: string;
  readonly successorHash: Buffer;
  readonly untilMs: number;
}

/**
 * The successors of recently rotated refresh tokens, held in memory only for the grace window
 * (RFC 9700 §4.14.2): a client whose response was lost may replay its old token once and get
 * the same successor back, so the family never forks. Raw tokens here never reach SQLite; a
 * restart forgets them, which only shortens the grace.
 */
export function createGraceReplays() {
  const entries = new Map<string, GraceEntry>();

  const prune = (nowMs: number): void => {
    // Insertion order is time order: stop at the first entry still in force.
    for (const [key, entry] of entries) {
      if (entry.untilMs > nowMs) break;
      entries.delete(key);
    }
  };

  return {
    remember(predecessorHash: Buffer, successor: string, successorHash: Buffer, untilMs: number) {
      entries.set(predecessorHash.toString('hex'), { successor, successorHash, untilMs });
    },
    /** The successor to hand out again, if the window is still open. */
    recall(predecessorHash: Buffer, nowMs: number): GraceEntry | undefined {
      prune(nowMs);
      const entry = entries.get(predecessorHash.toString('hex'));
      return entry && entry.untilMs > nowMs ? entry : undefined;
    },
    prune,
  };
}

/** The grace-window memory. */
export type GraceReplays = ReturnType<typeof createGraceReplays>;
