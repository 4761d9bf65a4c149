import { create } from 'zustand';
import type {
  CallInput,
  ContractError,
  SessionDto,
  SessionFilter,
  sessionSorts,
} from '../../shared/contract';
import { api } from './connection';

/** Active sessions, or the history of ended ones. */
export type SessionsTab = 'active' | 'ended';

/** Orders the list can take (each has an index on the server). */
export type SessionSort = (typeof sessionSorts)[number];

/** What the operator asked to see: the tab, the search and filters, and the order. */
export interface SessionsQuery {
  readonly tab: SessionsTab;
  /** User id or client id prefix, as typed. */
  readonly search: string;
  readonly clientId: string;
  readonly ipPrefix: string;
  /** Active sessions ending within this many seconds; 0 means no deadline filter. */
  readonly endingWithinSeconds: number;
  readonly sort: SessionSort;
  readonly direction: 'asc' | 'desc';
}

/** Rows per `sessions.list` call: a few screens, so scrolling rarely waits for the next page. */
export const sessionsPageSize = 200;

/** The contract filter the query means; empty fields match all (they are not sent). */
export function toSessionFilter(query: SessionsQuery): SessionFilter {
  const search = query.search.trim();
  const ipPrefix = query.ipPrefix.trim();
  return {
    status: query.tab,
    ...(search && { search }),
    ...(query.clientId && { clientId: query.clientId }),
    ...(ipPrefix && { ipPrefix }),
    ...(query.tab === 'active' &&
      query.endingWithinSeconds > 0 && { endingWithinSeconds: query.endingWithinSeconds }),
  };
}

/**
 * The `sessions.list` call for one page of the query: the grid and the export share it, so a
 * file holds exactly what the grid lists.
 */
export function sessionsListInput(
  query: SessionsQuery,
  limit: number,
  cursor: string | null,
): CallInput<'sessions.list'> {
  return {
    filter: toSessionFilter(query),
    sort: query.sort,
    direction: query.direction,
    limit,
    ...(cursor !== null && { cursor }),
  };
}

interface SessionsSlice {
  readonly query: SessionsQuery;
  /** The pages loaded so far for `query`, in order. */
  readonly rows: readonly SessionDto[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
  /** Selected session ids (admin only: selection exists to revoke). */
  readonly selected: ReadonlySet<string>;
  setQuery(patch: Partial<SessionsQuery>): void;
  /** Fetches the next page, unless one is on its way or there is none. */
  loadMore(): void;
  /** Reads the first page again (after a revocation changed what matches). */
  reload(): void;
  toggleSelected(sid: string): void;
  setSelected(sids: readonly string[]): void;
}

const initialQuery: SessionsQuery = {
  tab: 'active',
  search: '',
  clientId: '',
  ipPrefix: '',
  endingWithinSeconds: 0,
  sort: 'created',
  direction: 'desc',
};

/**
 * The session list over the server's keyset paging. Every query change bumps a generation so
 * that answers to earlier keystrokes, arriving late, never replace the newer query's rows; the
 * old rows stay on screen until the new first page arrives, so typing does not flash.
 */
export const useSessions = create<SessionsSlice>((set, get) => {
  let generation = 0;

  const fetchPage = async (cursor: string | null): Promise<void> => {
    const mine = cursor === null ? ++generation : generation;
    const { query } = get();
    set({ loading: true });
    const result = await api.call(
      'sessions.list',
      sessionsListInput(query, sessionsPageSize, cursor),
    );
    if (mine !== generation) return;
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    set((state) => ({
      loading: false,
      error: null,
      rows: cursor === null ? result.value.sessions : [...state.rows, ...result.value.sessions],
      nextCursor: result.value.nextCursor,
    }));
  };

  return {
    query: initialQuery,
    rows: [],
    nextCursor: null,
    loading: false,
    error: null,
    selected: new Set(),
    setQuery(patch) {
      set((state) => ({ query: { ...state.query, ...patch }, selected: new Set() }));
      void fetchPage(null);
    },
    loadMore() {
      const { loading, nextCursor } = get();
      if (!loading && nextCursor !== null) void fetchPage(nextCursor);
    },
    reload() {
      set({ selected: new Set() });
      void fetchPage(null);
    },
    toggleSelected(sid) {
      set((state) => {
        const selected = new Set(state.selected);
        if (!selected.delete(sid)) selected.add(sid);
        return { selected };
      });
    },
    setSelected(sids) {
      set({ selected: new Set(sids) });
    },
  };
});
