import type Database from 'better-sqlite3';
import type { SessionFilter } from '../../../shared/contract';
import { statementsBySql } from '../store/statements-by-sql';
import { sessionWhere } from './session-query';

/**
 * The active sessions an operator's filter matches, through the very WHERE clause the session
 * list uses, so a preview counts exactly what a list shows and what a query revocation ends.
 * The filter's own `status` is overridden: only active sessions can be revoked.
 */
export function createActiveSessionQuery(db: Database.Database) {
  // A filter sets some of a handful of fields, so there are few distinct clauses: one
  // statement each, prepared on first use.
  const prepared = statementsBySql(db, (statement) => statement.pluck());
  const where = (filter: SessionFilter, nowMs: number) =>
    sessionWhere({ ...filter, status: 'active' }, nowMs);

  return {
    /** How many active sessions match now. */
    count(filter: SessionFilter, nowMs: number): number {
      const clause = where(filter, nowMs);
      return prepared(`SELECT count(*) FROM sessions WHERE ${clause.sql}`).get(
        clause.params,
      ) as number;
    },
    /**
     * The ids of the active sessions that match now, oldest row first: sessions stored next to
     * each other share table and index pages (rows and the time-ordered indexes follow login
     * order), so revoking them in this order writes far fewer pages per chunk than sid order.
     */
    sids(filter: SessionFilter, nowMs: number): string[] {
      const clause = where(filter, nowMs);
      return prepared(`SELECT sid FROM sessions WHERE ${clause.sql} ORDER BY rowid`).all(
        clause.params,
      ) as string[];
    },
  };
}

/** The active-session query. */
export type ActiveSessionQuery = ReturnType<typeof createActiveSessionQuery>;
