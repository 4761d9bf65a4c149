import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRevocationIndex, revocationGraceMs } from './revocation-index';

describe('createRevocationIndex', () => {
  it('answers for sessions, families and token ids, each kind apart', () => {
    const index = createRevocationIndex();
    index.add('session', 'same', 1_000);
    index.add('jti', 'token-1', 1_000);
    index.add('family', 'family-1', 1_000);
    expect(index.isRevoked({ sid: 'same' })).toBe(true);
    expect(index.isRevoked({ jti: 'same' })).toBe(false);
    expect(index.isRevoked({ familyId: 'same' })).toBe(false);
    expect(index.isRevoked({ sid: 'other', jti: 'token-1' })).toBe(true);
    expect(index.isRevoked({ familyId: 'family-1' })).toBe(true);
    expect(index.isRevoked({})).toBe(false);
    expect(index.size()).toBe(3);
  });

  it('loads stored rows and refuses an unknown kind', () => {
    const index = createRevocationIndex();
    index.load([
      { kind: 'session', subject: 's', expires_ms: 5 },
      { kind: 'jti', subject: 'j', expires_ms: 5 },
    ]);
    expect(index.isRevoked({ sid: 's' })).toBe(true);
    expect(() => index.load([{ kind: 'user', subject: 'u', expires_ms: 5 }])).toThrow(
      /unknown kind/,
    );
  });

  it('forgets entries only once the grace after their expiry has passed', () => {
    const index = createRevocationIndex();
    index.add('session', 'early', 10_000);
    index.add('session', 'late', 50_000);
    expect(index.prune(10_000 + revocationGraceMs)).toBe(0);
    expect(index.prune(10_001 + revocationGraceMs)).toBe(1);
    expect(index.isRevoked({ sid: 'early' })).toBe(false);
    expect(index.isRevoked({ sid: 'late' })).toBe(true);
    expect(index.size()).toBe(1);
  });

  it('keeps the later expiry when a subject is revoked twice', () => {
    const index = createRevocationIndex();
    index.add('jti', 'j', 50_000);
    index.add('jti', 'j', 10_000);
    expect(index.prune(20_000 + revocationGraceMs)).toBe(0);
    expect(index.size()).toBe(1);
  });

  it('finds every revoked subject while it grows, and after pruning', () => {
    const index = createRevocationIndex();
    const kinds = ['session', 'family', 'jti'] as const;
    const lookUp = {
      session: (subject: string) => ({ sid: subject }),
      family: (subject: string) => ({ familyId: subject }),
      jti: (subject: string) => ({ jti: subject }),
    };
    // Enough for the filter in front of each kind's map to be rebuilt larger several times;
    // every subject is checked right after it is added and again at the end.
    const added = kinds.flatMap((kind) =>
      Array.from({ length: 12_000 }, (_, i) => ({ kind, subject: randomUUID(), expiresMs: i })),
    );
    for (const { kind, subject, expiresMs } of added) {
      index.add(kind, subject, expiresMs);
      expect(index.isRevoked(lookUp[kind](subject))).toBe(true);
    }
    const missing = (list: typeof added) =>
      list.filter(({ kind, subject }) => !index.isRevoked(lookUp[kind](subject)));
    expect(missing(added)).toEqual([]);
    expect(kinds.some((kind) => index.isRevoked(lookUp[kind](randomUUID())))).toBe(false);

    // Pruning rebuilds the filters smaller: what is kept must still be found.
    expect(index.prune(6_000 + revocationGraceMs)).toBe(3 * 6_000);
    const kept = added.filter(({ expiresMs }) => expiresMs >= 6_000);
    expect(missing(kept)).toEqual([]);
    expect(missing(added)).toHaveLength(3 * 6_000);
  });

  it('finds every subject loaded, even from a load cut short by a refused row', () => {
    const index = createRevocationIndex();
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      kind: i % 2 === 0 ? 'session' : 'jti',
      subject: randomUUID(),
      expires_ms: 5,
    }));
    index.load(rows);
    const later = rows.map((row) => ({ ...row, subject: randomUUID() }));
    expect(() =>
      index.load([...later, { kind: 'user', subject: 'u', expires_ms: 5 }, ...rows]),
    ).toThrow(/unknown kind/);
    const found = (row: (typeof rows)[number]) =>
      index.isRevoked(row.kind === 'session' ? { sid: row.subject } : { jti: row.subject });
    expect([...rows, ...later].filter((row) => !found(row))).toEqual([]);
    expect(index.size()).toBe(60_000);
  });

  it('loads 100,000 rows well within a second', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      kind: i % 3 === 0 ? 'session' : i % 3 === 1 ? 'family' : 'jti',
      subject: `subject-${i.toString(36)}-${Math.random().toString(36).slice(2)}`,
      expires_ms: 1_000_000 + i,
    }));
    const index = createRevocationIndex();
    const started = performance.now();
    index.load(rows);
    // Typically ~20 ms; the bound is loose because CI machines are shared.
    expect(performance.now() - started).toBeLessThan(500);
    expect(index.size()).toBe(100_000);
  });
});
