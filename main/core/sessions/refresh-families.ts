import type {
  RefreshBranchDto,
  RefreshFamilyDto,
  RefreshTokenNodeDto,
  RefreshTokenStatus,
} from '../../../shared/contract/timelines';

/** A refresh token as the family tree needs it: its hash and its parent's, never shown. */
export interface RefreshTreeRow {
  readonly token_hash: Buffer;
  readonly family_id: string;
  readonly generation: number;
  readonly parent_hash: Buffer | null;
  readonly issued_ms: number;
  readonly idle_expires_ms: number;
  readonly absolute_expires_ms: number;
  readonly status: RefreshTokenStatus;
  readonly consumed_ms: number | null;
}

/** Where reuse was detected: a family and the generation of the consumed token presented again. */
export interface ReusedToken {
  readonly familyId: string;
  readonly generation: number;
}

interface Linked {
  readonly token: RefreshTokenNodeDto;
  readonly children: Linked[];
}

interface MutableBranch {
  readonly tokens: RefreshTokenNodeDto[];
  readonly forks: MutableBranch[];
}

/**
 * A session's refresh families as trees, linked by `parent_hash` and identified by generation.
 * Rotation makes each family a chain (a grace replay hands back the same successor, never a
 * second one), so a tree is one branch unless a token somehow had two successors. Built without
 * recursion: chains run to thousands of tokens. A token whose parent is missing (rows deleted by
 * hand) starts a tree of its own under the same family id rather than disappearing.
 */
export function refreshFamilies(
  rows: readonly RefreshTreeRow[],
  reused: readonly ReusedToken[],
): RefreshFamilyDto[] {
  const reusedKeys = new Set(reused.map((token) => `${token.generation}:${token.familyId}`));
  const byHash = new Map<string, Linked>();
  const linked = rows.map((row) => {
    const node: Linked = {
      token: {
        generation: row.generation,
        issuedMs: row.issued_ms,
        idleExpiresMs: row.idle_expires_ms,
        absoluteExpiresMs: row.absolute_expires_ms,
        status: row.status,
        consumedMs: row.consumed_ms,
        reused: reusedKeys.has(`${row.generation}:${row.family_id}`),
      },
      children: [],
    };
    byHash.set(row.token_hash.toString('hex'), node);
    return { row, node };
  });

  const roots: Array<{ familyId: string; node: Linked }> = [];
  for (const { row, node } of linked) {
    const parent = row.parent_hash && byHash.get(row.parent_hash.toString('hex'));
    if (parent) parent.children.push(node);
    else roots.push({ familyId: row.family_id, node });
  }
  return roots.map(({ familyId, node }) => ({ familyId, root: branchFrom(node) }));
}

/** The branch starting at `start`: its chain of only children, then a branch per fork. */
function branchFrom(start: Linked): RefreshBranchDto {
  const root: MutableBranch = { tokens: [], forks: [] };
  const pending: Array<{ node: Linked; branch: MutableBranch }> = [{ node: start, branch: root }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    let { node } = next;
    const { branch } = next;
    branch.tokens.push(node.token);
    for (let only = soleChild(node); only; only = soleChild(node)) {
      node = only;
      branch.tokens.push(node.token);
    }
    for (const child of node.children) {
      const fork: MutableBranch = { tokens: [], forks: [] };
      branch.forks.push(fork);
      pending.push({ node: child, branch: fork });
    }
  }
  return root;
}

function soleChild(node: Linked): Linked | undefined {
  return node.children.length === 1 ? node.children[0] : undefined;
}
