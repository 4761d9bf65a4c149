import { describe, expect, it } from 'vitest';
import type { RefreshBranchDto } from '../../../shared/contract/timelines';
import { refreshFamilies, type RefreshTreeRow } from './refresh-families';

const hash = (label: string) => Buffer.from(label);

/** A token of family `f1` unless said otherwise, issued at its generation's second. */
function token(
  label: string,
  generation: number,
  parent: string | null,
  fields: Partial<RefreshTreeRow> = {},
): RefreshTreeRow {
  return {
    token_hash: hash(label),
    family_id: 'f1',
    generation,
    parent_hash: parent === null ? null : hash(parent),
    issued_ms: generation * 1000,
    idle_expires_ms: generation * 1000 + 500_000,
    absolute_expires_ms: 9_000_000,
    status: 'consumed',
    consumed_ms: (generation + 1) * 1000,
    ...fields,
  };
}

const generations = (branch: RefreshBranchDto) => branch.tokens.map((node) => node.generation);

describe('refreshFamilies', () => {
  it('turns a rotation chain into one branch, marking where reuse was detected', () => {
    const rows = [
      token('a', 1, null),
      token('b', 2, 'a'),
      token('c', 3, 'b', { status: 'revoked', consumed_ms: null }),
    ];
    const families = refreshFamilies(rows, [{ familyId: 'f1', generation: 1 }]);
    expect(families).toHaveLength(1);
    const [family] = families;
    expect(family?.familyId).toBe('f1');
    expect(family?.root.forks).toEqual([]);
    expect(family?.root.tokens).toEqual([
      {
        generation: 1,
        issuedMs: 1000,
        idleExpiresMs: 501_000,
        absoluteExpiresMs: 9_000_000,
        status: 'consumed',
        consumedMs: 2000,
        reused: true,
      },
      expect.objectContaining({ generation: 2, reused: false }),
      expect.objectContaining({
        generation: 3,
        status: 'revoked',
        consumedMs: null,
        reused: false,
      }),
    ]);
    // Ids are generations: no hash in what leaves the core.
    expect(JSON.stringify(families)).not.toMatch(/token_hash|parent_hash|"type":"Buffer"/);
  });

  it('branches where a token has two successors, whatever the row order', () => {
    const rows = [
      token('d', 3, 'b'),
      token('c', 3, 'a2'),
      token('b', 2, 'a'),
      token('a2', 2, 'a'),
      token('a', 1, null),
    ];
    const [family] = refreshFamilies(rows, []);
    expect(family && generations(family.root)).toEqual([1]);
    expect(family?.root.forks.map(generations)).toEqual([
      [2, 3],
      [2, 3],
    ]);
  });

  it('keeps families apart and a token whose parent is missing as a tree of its own', () => {
    const rows = [
      token('a', 1, null),
      token('x', 1, null, { family_id: 'f2' }),
      token('y', 2, 'x', { family_id: 'f2' }),
      token('orphan', 7, 'deleted'),
    ];
    const families = refreshFamilies(rows, [{ familyId: 'f2', generation: 1 }]);
    expect(families.map((family) => [family.familyId, generations(family.root)])).toEqual([
      ['f1', [1]],
      ['f2', [1, 2]],
      ['f1', [7]],
    ]);
    expect(families[1]?.root.tokens[0]?.reused).toBe(true);
    expect(families[0]?.root.tokens[0]?.reused).toBe(false);
  });

  it('keeps a chain of 5,000 tokens shallow enough to cross IPC', () => {
    const rows = Array.from({ length: 5000 }, (_, index) =>
      token(`t${index}`, index + 1, index === 0 ? null : `t${index - 1}`),
    );
    const families = refreshFamilies(rows, []);
    expect(families[0]?.root.tokens).toHaveLength(5000);
    expect(() => structuredClone(families)).not.toThrow();
  });
});
