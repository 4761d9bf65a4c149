import type Database from 'better-sqlite3';
import type { EndingSessionsDto, Policy } from '../../../shared/contract';
import { sessionDtoColumns, toSessionDto, type SessionDtoRow } from './session-dto';
import { sessionEndsSql } from './session-ends-sql';

/**
 * The active sessions ending in (afterMs, byMs] by the fleet timeline's rule, soonest first,
 * with their count: clicking a bar of the chart lists exactly what the bar counted.
 */
export function endingSessions(
  db: Database.Database,
  policy: Policy,
  input: { afterMs: number; byMs: number; limit: number },
): EndingSessionsDto {
  const params = {
    afterMs: input.afterMs,
    byMs: input.byMs,
    cookieMs: policy.cookieMaxAgeSeconds * 1000,
  };
  const total = db
    .prepare<typeof params, number>(`SELECT count(*) FROM (${sessionEndsSql})`)
    .pluck()
    .get(params)!;
  const rows = db
    .prepare<typeof params & { limit: number }, SessionDtoRow>(
      `SELECT ${sessionDtoColumns} FROM (${sessionEndsSql}) AS e
       JOIN sessions USING (sid)
       ORDER BY e.ends_ms, e.sid LIMIT @limit`,
    )
    .all({ ...params, limit: input.limit });
  return { sessions: rows.map(toSessionDto), total };
}
