import type { SessionDto } from '../../../shared/contract';
import { collectPages } from '../../../shared/export/collect-pages';
import { api } from '../../stores/connection';
import { sessionsListInput, type SessionsQuery } from '../../stores/sessions';

/**
 * The most sessions one export holds. The export is built in memory as one string; past this a
 * file is too big for a spreadsheet anyway, and a narrower search is the better tool.
 */
export const exportCap = 100_000;

/**
 * The sessions the query matches, up to `exportCap`, page by page, reporting how many so far.
 * Null once `signal` is aborted.
 */
export function collectSessions(
  query: SessionsQuery,
  signal: AbortSignal,
  onProgress: (count: number) => void,
) {
  return collectPages<SessionDto>(
    async (cursor, limit) => {
      const result = await api.call('sessions.list', sessionsListInput(query, limit, cursor));
      return result.ok
        ? { ok: true, value: { items: result.value.sessions, nextCursor: result.value.nextCursor } }
        : result;
    },
    // The contract's maximum page size.
    { cap: exportCap, pageSize: 500, signal, onProgress },
  );
}
