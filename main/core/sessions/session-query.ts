import type { SessionFilter } from '../../../shared/contract';
import { prefixRange } from './prefix-range';

/** One field of a session filter as a condition on the `sessions` table, values as parameters. */
export interface SessionCondition {
  readonly field: keyof SessionFilter;
  readonly sql: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A WHERE clause (without the keyword) and its named parameters. */
export interface SessionWhere {
  readonly sql: string;
  readonly params: Record<string, unknown>;
}

/**
 * The conditions a filter sets, one per field, in a fixed order. Prefixes become index ranges
 * (see `prefixRange`), never LIKE: `%`, `_` and quotes in them are plain characters, and every
 * value is a named parameter, never part of the SQL text.
 */
export function sessionConditions(filter: SessionFilter, nowMs: number): SessionCondition[] {
  const conditions: SessionCondition[] = [];
  if (filter.userId !== undefined) {
    conditions.push({
      field: 'userId',
      sql: 'user_id = @userId',
      params: { userId: filter.userId },
    });
  }
  if (filter.clientId !== undefined) {
    conditions.push({
      field: 'clientId',
      sql: 'client_id = @clientId',
      params: { clientId: filter.clientId },
    });
  }
  if (filter.search !== undefined) {
    const { from, to } = prefixRange(filter.search);
    conditions.push({
      field: 'search',
      sql:
        to === null
          ? '(user_id >= @searchFrom OR client_id >= @searchFrom)'
          : '(user_id >= @searchFrom AND user_id < @searchTo' +
            ' OR client_id >= @searchFrom AND client_id < @searchTo)',
      params: to === null ? { searchFrom: from } : { searchFrom: from, searchTo: to },
    });
  }
  if (filter.ipPrefix !== undefined) {
    const { from, to } = prefixRange(filter.ipPrefix);
    conditions.push({
      field: 'ipPrefix',
      sql: to === null ? 'ip >= @ipFrom' : 'ip >= @ipFrom AND ip < @ipTo',
      params: to === null ? { ipFrom: from } : { ipFrom: from, ipTo: to },
    });
  }
  if (filter.status !== undefined) {
    conditions.push({
      field: 'status',
      sql: 'status = @status',
      params: { status: filter.status },
    });
  }
  if (filter.endingWithinSeconds !== undefined) {
    // Overdue sessions (deadline already past, not yet ended by their next use) are included:
    // they end at the latest when anything touches them.
    conditions.push({
      field: 'endingWithinSeconds',
      sql: "status = 'active' AND next_deadline_ms <= @endingByMs",
      params: { endingByMs: nowMs + filter.endingWithinSeconds * 1000 },
    });
  }
  return conditions;
}

/**
 * The sessions a filter means, as one WHERE clause: every field narrows, absent fields match
 * all, `TRUE` for an empty filter. Listing, previewing a query revocation and running it all
 * use this clause, so what an operator saw listed is what gets revoked.
 *
 * - `userId`, `clientId`: exact.
 * - `search`: user id OR client id starts with the text (case-sensitive, by code point).
 * - `ipPrefix`: the IP address starts with the text.
 * - `status`: exact.
 * - `endingWithinSeconds`: active, and the earlier of the idle and absolute deadlines is at or
 *   before now + that many seconds.
 */
export function sessionWhere(filter: SessionFilter, nowMs: number): SessionWhere {
  const conditions = sessionConditions(filter, nowMs);
  if (conditions.length === 0) return { sql: 'TRUE', params: {} };
  return {
    sql: conditions.map((condition) => `(${condition.sql})`).join(' AND '),
    params: Object.fromEntries(conditions.flatMap((condition) => Object.entries(condition.params))),
  };
}
