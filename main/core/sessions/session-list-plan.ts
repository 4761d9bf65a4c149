import type { SessionFilter, sessionSorts } from '../../../shared/contract';
import { sessionDtoColumns } from './session-dto';
import type { SessionCondition } from './session-query';

type SessionSort = (typeof sessionSorts)[number];

/**
 * How a page of the session list is read; every plan names its index (INDEXED BY), so that a
 * dropped or renamed index fails loudly instead of silently turning a page into a table scan.
 *
 * - `gather`: read the rows one filter field selects through its own index, keep those matching
 *   the whole filter, sort them. Costs about 1–2 µs per selected row, whatever the page.
 * - `scan`: walk an index that yields rows in the requested order and stop after a page of
 *   matches. Costs about `page / fraction matching` rows: tiny when most rows match, a table
 *   scan when almost none do. Without a status, the `(status, X, sid)` indexes are walked once
 *   per status and merged (MERGE UNION ALL), which keeps the order without sorting.
 * - `none`: the filter contradicts itself (ended sessions ending soon).
 */
export type SessionListPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'gather'; readonly source: SessionCondition }
  | { readonly kind: 'scan'; readonly index: string; readonly splitByStatus: boolean };

/** The order a page is read in, and whether it resumes after a cursor. */
export interface SessionListOrder {
  readonly sort: SessionSort;
  readonly direction: 'asc' | 'desc';
  readonly afterCursor: boolean;
}

const sortColumns: Readonly<Record<SessionSort, string>> = {
  created: 'created_ms',
  lastSeen: 'last_seen_ms',
  nextDeadline: 'next_deadline_ms',
};

const sortIndexes: Readonly<Record<SessionSort, string>> = {
  created: 'sessions_by_created',
  lastSeen: 'sessions_by_last_seen',
  nextDeadline: 'sessions_by_deadline',
};

interface Source {
  /** Null for `search`: SQLite reads it as a MULTI-INDEX OR of the user and client indexes. */
  readonly index: string | null;
  /** The sort this index yields directly for a fixed value of the field, if any. */
  readonly orders: SessionSort | null;
}

/** The filter fields an index can read matching rows from. */
const sources: Readonly<Partial<Record<keyof SessionFilter, Source>>> = {
  userId: { index: 'sessions_by_user', orders: 'created' },
  clientId: { index: 'sessions_by_client', orders: 'created' },
  search: { index: null, orders: null },
  ipPrefix: { index: 'sessions_by_ip', orders: null },
  endingWithinSeconds: { index: 'sessions_by_deadline', orders: 'nextDeadline' },
};

const indexedBy = (index: string | null): string => (index ? ` INDEXED BY ${index}` : '');

/**
 * Counts the rows a field's own index selects, stopping at `@cap`: reads index entries only,
 * so it costs about 0.1 ms per thousand on a million sessions.
 */
export function candidateCountSql(condition: SessionCondition): string {
  const source = sources[condition.field];
  return `SELECT count(*) AS n FROM (SELECT 1 FROM sessions${indexedBy(source?.index ?? null)}
    WHERE ${condition.sql} LIMIT @cap)`;
}

/**
 * Picks the plan for a page. The fields with an index of their own are counted (up to
 * `gatherBelow`); if the most selective of them selects fewer rows than that, those are
 * gathered and sorted. Otherwise every field matches many rows, and walking an index in the
 * requested order finds a page quickly: the selective field's own index when it yields that
 * order (a user's or client's sessions by creation, the sessions ending soon by deadline), else
 * the `(status, X, sid)` index of the sort.
 *
 * The crossover, measured on 1,000,000 sessions with pages of 100 (bench/sessions.bench.ts):
 * gathering costs ~1.8 ms per thousand selected rows; walking in order costs ~4 ms (by
 * creation, where rows lie in insertion order) to ~15 ms (by last seen or deadline) when 1 % of
 * the rows match, ten times that at 0.1 %. They meet between about 5,000 and 10,000 selected
 * rows; 5,000 keeps the worst first page near 15 ms either way. Walking in order is slow when the
 * matches cluster at the far end of the order (sessions ending within a week, newest first:
 * ~70 ms), which no count can foresee.
 */
export function chooseSessionListPlan(
  filter: SessionFilter,
  conditions: readonly SessionCondition[],
  sort: SessionSort,
  gatherBelow: number,
  countUpTo: (condition: SessionCondition) => number,
): SessionListPlan {
  const contradiction = filter.status === 'ended' && filter.endingWithinSeconds !== undefined;
  if (contradiction) return { kind: 'none' };
  const candidates = conditions.filter((condition) => sources[condition.field] !== undefined);
  let best: { condition: SessionCondition; count: number } | null = null;
  for (const condition of candidates) {
    const count = countUpTo(condition);
    if (best === null || count < best.count) best = { condition, count };
    if (count === 0) break;
  }
  if (best !== null && best.count < gatherBelow) return { kind: 'gather', source: best.condition };
  const ordering = candidates.find((condition) => sources[condition.field]?.orders === sort);
  const orderingIndex = ordering && sources[ordering.field]?.index;
  if (orderingIndex) return { kind: 'scan', index: orderingIndex, splitByStatus: false };
  return {
    kind: 'scan',
    index: sortIndexes[sort],
    // A status (given, or implied by endingWithinSeconds) is an equality on the index's first
    // column; without one, each status is walked in order and the two are merged.
    splitByStatus: filter.status === undefined && filter.endingWithinSeconds === undefined,
  };
}

/**
 * The SELECT for one page of a plan, with parameters `@limit` (page size + 1, to learn whether
 * another page follows), `@afterValue` and `@afterSid` (after a cursor), and the WHERE clause's.
 * Ties on the sort value are broken by sid in the same direction, so keyset paging neither
 * repeats nor skips a row.
 */
export function sessionListSql(
  plan: Exclude<SessionListPlan, { kind: 'none' }>,
  order: SessionListOrder,
  whereSql: string,
): string {
  const column = sortColumns[order.sort];
  const direction = order.direction === 'desc' ? 'DESC' : 'ASC';
  // The keyset bound goes first: given two bounds on the index's column (this one and the
  // endingWithinSeconds deadline), SQLite seeks with the first, and this one is the tighter.
  const keyset = order.afterCursor
    ? `(${column}, sid) ${direction === 'DESC' ? '<' : '>'} (@afterValue, @afterSid) AND `
    : '';
  const terms = `${keyset}(${whereSql})`;
  const orderBy = `ORDER BY ${column} ${direction}, sid ${direction} LIMIT @limit`;
  if (plan.kind === 'gather') {
    // LIMIT -1 keeps SQLite from flattening the subquery into the outer query (or pushing the
    // outer terms down into it), which would let it trade the selective index for the sort's
    // index; the outer WHERE applies the whole filter to the gathered rows.
    const index = sources[plan.source.field]?.index ?? null;
    return `SELECT * FROM (SELECT ${sessionDtoColumns} FROM sessions${indexedBy(index)}
      WHERE ${plan.source.sql} LIMIT -1) WHERE ${terms} ${orderBy}`;
  }
  const select = `SELECT ${sessionDtoColumns} FROM sessions${indexedBy(plan.index)} WHERE`;
  if (!plan.splitByStatus) return `${select} ${terms} ${orderBy}`;
  return `${select} status = 'active' AND ${terms}
    UNION ALL ${select} status = 'ended' AND ${terms} ${orderBy}`;
}
