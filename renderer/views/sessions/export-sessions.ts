import type { CallResult, SessionDto, SessionPage } from '../../../shared/contract';
import { api } from '../../stores/connection';
import { toSessionFilter, type SessionsQuery } from '../../stores/sessions';

/** The columns an export carries: an allow-list, so nothing added to the DTO leaks by default. */
const exportFields = [
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

type ExportRow = Record<(typeof exportFields)[number], string | number | null>;

/**
 * A JWT (a header starting `{"`): user agents are client-supplied text and could carry a pasted
 * token; an export goes to disk and to other people, so none leaves in it.
 */
const jwtLike = /eyJ[\w-]*\.[\w-]+\.[\w-]*/g;

function redact(value: string | number | null): string | number | null {
  return typeof value === 'string' ? value.replace(jwtLike, '[redacted]') : value;
}

function toExportRow(session: SessionDto): ExportRow {
  return Object.fromEntries(
    exportFields.map((field) => [field, field === 'sid' ? session.sid : redact(session[field])]),
  ) as ExportRow;
}

/** Rows per call while exporting: the contract's maximum. */
const exportPageSize = 500;

/** Every session the query matches, page by page, reporting how many so far. */
export async function collectSessions(
  query: SessionsQuery,
  onProgress: (count: number) => void,
): Promise<CallResult<SessionDto[]>> {
  const sessions: SessionDto[] = [];
  let cursor: string | null = null;
  do {
    const result: CallResult<SessionPage> = await api.call('sessions.list', {
      filter: toSessionFilter(query),
      sort: query.sort,
      direction: query.direction,
      limit: exportPageSize,
      ...(cursor !== null && { cursor }),
    });
    if (!result.ok) return result;
    sessions.push(...result.value.sessions);
    cursor = result.value.nextCursor;
    onProgress(sessions.length);
  } while (cursor !== null);
  return { ok: true, value: sessions };
}

/**
 * One CSV field (RFC 4180 quoting). A leading `=`, `+`, `-`, `@`, tab or CR would make a
 * spreadsheet run the cell as a formula, so such text gets a leading apostrophe.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value.replace(/^[=+\-@\t\r]/, "'$&");
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Sessions as CSV with a header line. */
export function sessionsToCsv(sessions: readonly SessionDto[]): string {
  const lines = [exportFields.join(',')];
  for (const session of sessions) {
    const row = toExportRow(session);
    lines.push(exportFields.map((field) => csvField(row[field])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Sessions as a JSON array. */
export function sessionsToJson(sessions: readonly SessionDto[]): string {
  return `${JSON.stringify(sessions.map(toExportRow), null, 2)}\n`;
}

/** Hands text to the browser as a file download. */
export function downloadText(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started from the click; the URL is not needed afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
