/**
 * A Bloom filter of revoked subjects, so that the usual answer, "not revoked", comes from a bit
 * array small enough to stay in the CPU's cache. The revocation index's maps hold up to 100,000
 * random strings spread over megabytes, and a look-up that misses there still costs several
 * cache misses: about a microsecond per verified token, a large share of the main thread's work
 * per verification. "Maybe" is always confirmed in the maps, so the filter can only save work,
 * never change an answer; a subject left out of it would be a revocation ignored, hence the
 * index's tests of every path that fills it.
 */
export interface SubjectFilter {
  /** How many subjects it is sized for; beyond that its false positives grow, so rebuild it. */
  readonly capacity: number;
  add(subject: string): void;
  /** False only for a subject that was never added. */
  mightHold(subject: string): boolean;
}

/** With two probes this lets about 5% of unknown subjects through to the maps at capacity. */
const bitsPerSubject = 8;
/** 2 KiB: an index with few revocations costs next to nothing. */
const minBits = 1 << 14;

/** An empty filter for at least `subjects` subjects. */
export function createSubjectFilter(subjects: number): SubjectFilter {
  let bits = minBits;
  while (bits < subjects * bitsPerSubject) bits *= 2;
  const words = new Int32Array(bits / 32);
  const mask = bits - 1;
  // The mask keeps every index inside the array.
  const word = (bit: number) => words[(bit & mask) >>> 5] as number;
  const isSet = (bit: number) => (word(bit) & (1 << (bit & 31))) !== 0;
  const set = (bit: number) => {
    words[(bit & mask) >>> 5] = word(bit) | (1 << (bit & 31));
  };
  return {
    capacity: bits / bitsPerSubject,
    add(subject) {
      const hash = hashSubject(subject);
      set(mix(hash));
      set(mix(hash ^ secondSeed));
    },
    mightHold(subject) {
      const hash = hashSubject(subject);
      return isSet(mix(hash)) && isSet(mix(hash ^ secondSeed));
    },
  };
}

/** Any odd constant: makes the second probe's position independent of the first's. */
const secondSeed = 0x9e3779b9;

/** FNV-1a over the UTF-16 code units: cheap, and every character counts. */
function hashSubject(subject: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < subject.length; index += 1) {
    hash = Math.imul(hash ^ subject.charCodeAt(index), 0x01000193);
  }
  return hash;
}

/** MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word. */
function mix(value: number): number {
  let hash = value ^ (value >>> 16);
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
