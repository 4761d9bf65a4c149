import type Database from 'better-sqlite3';
import type { EndingSessionsDto, Policy } from '../../../shared/contract';
import { perDatabase } from '../store/per-database';
import { sessionDtoColumns, toSessionDto, type SessionDtoRow } from './session-dto';
import { sessionEndsSql } from './session-ends-sql';

interface EndsParams {
  readonly afterMs: number;
  readonly byMs: number;
  readonly cookieMs: number;
}

// Prepared once per open database: each click on a bar of the chart lists again.
const statements = perDatabase((db) => ({
  total: db.prepare<EndsParams, number>(`SELECT count(*) FROM (${sessionEndsSql})`).pluck(),
  rows: db.prepare<EndsParams & { limit: number }, SessionDtoRow>(
    `SELECT ${sessionDtoColumns} FROM (${sessionEndsSql}) AS e
     JOIN sessions USING (sid)
     ORDER BY e.ends_ms, e.sid LIMIT @limit`,
  ),
}));

/**
 * The active sessions ending in (afterMs, byMs] by the fleet timeline's rule, soonest first,
 * with their count: clicking a bar of the chart lists exactly what the bar counted.
 */
export function endingSessions(
  db: Database.Database,
  policy: Policy,
  input: { afterMs: number; byMs: number; limit: number },
): EndingSessionsDto {
  const params: EndsParams = {
    afterMs: input.afterMs,
    byMs: input.byMs,
    cookieMs: policy.cookieMaxAgeSeconds * 1000,
  };
  const { total, rows } = statements(db);
  const count = total.get(params)!;
  return { sessions: rows.all({ ...params, limit: input.limit }).map(toSessionDto), total: count };
}
