import type { SessionDto } from '../contract';
import { toCsv } from './csv';
import { redactTokens } from './redact-tokens';

/** The columns an export carries: an allow-list, so nothing added to the DTO leaks by default. */
const columns = [
  'sid',
  'userId',
  'clientId',
  'ip',
  'userAgent',
  'createdMs',
  'lastSeenMs',
  'nextDeadlineMs',
  'nextDeadlineCause',
  'status',
  'endedMs',
  'endReason',
  'endedBy',
] as const satisfies ReadonlyArray<keyof SessionDto>;

/** One exported session: the allowed columns only, text redacted. */
export type ExportedSession = Readonly<Record<(typeof columns)[number], string | number | null>>;

/**
 * The exported form of one session. Every field goes through the same redaction as the events
 * export: user agents are client-supplied text and could carry a pasted token, and an export goes
 * to disk and to other people.
 */
export function exportedSession(session: SessionDto): ExportedSession {
  return redactTokens(
    Object.fromEntries(columns.map((column) => [column, session[column]])),
  ) as ExportedSession;
}

/** Sessions as CSV with a header line. */
export function sessionsToCsv(sessions: readonly SessionDto[]): string {
  return toCsv(columns, sessions.map(exportedSession));
}

/** Sessions as a JSON array, in the order given. */
export function sessionsToJson(sessions: readonly SessionDto[]): string {
  return `${JSON.stringify(sessions.map(exportedSession), null, 2)}\n`;
}
