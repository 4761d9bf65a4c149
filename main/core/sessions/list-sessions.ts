import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { listSessionsInputSchema, SessionPage } from '../../../shared/contract';
import { statementsBySql } from '../store/statements-by-sql';
import { decodeSessionCursor, encodeSessionCursor, type SessionCursor } from './session-cursor';
import { toSessionDto, type SessionDtoRow } from './session-dto';
import { candidateCountSql, chooseSessionListPlan, sessionListSql } from './session-list-plan';
import { sessionConditions, sessionWhere, type SessionCondition } from './session-query';

/** Input of `list`, as `listSessionsInputSchema` hands it over (defaults applied). */
export type ListSessionsInput = z.output<typeof listSessionsInputSchema>;

/** Tuning for tests; production uses the defaults. */
export interface SessionListOptions {
  /** Gather and sort when a filter field selects fewer rows than this; 5,000 unless set. */
  readonly gatherBelow?: number;
}

const defaultGatherBelow = 5_000;

const sortValue: Readonly<Record<SessionCursor['sort'], (row: SessionDtoRow) => number>> = {
  created: (row) => row.created_ms,
  lastSeen: (row) => row.last_seen_ms,
  nextDeadline: (row) => row.next_deadline_ms,
};

/**
 * The console's session list: filtered (the same WHERE clause as query revocation), sorted by
 * an indexed column, paged by keyset: the cursor holds the last row's sort value and sid, so a
 * page costs the same at any depth and rows inserted meanwhile neither shift nor repeat rows.
 * See `chooseSessionListPlan` for how a page is read.
 */
export function createSessionList(db: Database.Database, options: SessionListOptions = {}) {
  const gatherBelow = options.gatherBelow ?? defaultGatherBelow;
  // One statement per distinct SQL text, i.e. per filter shape, sort, direction, cursor or
  // not, and plan: a few dozen in practice, since filters set a handful of fields.
  const prepared = statementsBySql(db);
  const countUpTo = (condition: SessionCondition): number =>
    (
      prepared(candidateCountSql(condition)).get({ ...condition.params, cap: gatherBelow }) as {
        n: number;
      }
    ).n;

  return {
    /** One page of sessions; pass `nextCursor` back as `cursor` for the next one. */
    list(input: ListSessionsInput, nowMs: number): SessionPage {
      const { filter, sort, direction, limit } = input;
      const after =
        input.cursor === undefined ? null : decodeSessionCursor(input.cursor, sort, direction);
      const plan = chooseSessionListPlan(
        filter,
        sessionConditions(filter, nowMs),
        sort,
        gatherBelow,
        countUpTo,
      );
      if (plan.kind === 'none') return { sessions: [], nextCursor: null };
      const where = sessionWhere(filter, nowMs);
      const sql = sessionListSql(plan, { sort, direction, afterCursor: after !== null }, where.sql);
      const rows = prepared(sql).all({
        ...where.params,
        ...(after && { afterValue: after.value, afterSid: after.sid }),
        limit: limit + 1,
      }) as SessionDtoRow[];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        sessions: page.map(toSessionDto),
        nextCursor:
          rows.length > limit && last
            ? encodeSessionCursor({ sort, direction, value: sortValue[sort](last), sid: last.sid })
            : null,
      };
    },
  };
}

/** The session list. */
export type SessionList = ReturnType<typeof createSessionList>;
