import { create } from 'zustand';
import type {
  ContractError,
  FleetRange,
  FleetTimelineDto,
  SessionDto,
} from '../../shared/contract';
import { sessionEnd, type SessionEnd } from '../../shared/fleet/session-end';
import { api } from './connection';

/** The fleet's coming ends, with the cookie max-age that decided which ones are the cookie's. */
export type FleetState =
  | { readonly state: 'loading' }
  | {
      readonly state: 'ready';
      readonly timeline: FleetTimelineDto;
      readonly cookieMaxAgeSeconds: number;
    }
  | { readonly state: 'failed'; readonly error: ContractError };

/** A listed session and the end that put it in the chosen bar. */
export interface BarSession {
  readonly session: SessionDto;
  readonly end: SessionEnd;
}

/** The sessions of the chosen bar. */
export type BarSessionsState =
  | { readonly state: 'loading' }
  | {
      readonly state: 'ready';
      readonly rows: readonly BarSession[];
      /** In the bar but beyond the one page listed. */
      readonly unlisted: number;
    }
  | { readonly state: 'failed'; readonly error: ContractError };

interface TimelineSlice {
  readonly range: FleetRange;
  readonly fleet: FleetState;
  /** The chosen bar's index, or null. */
  readonly selected: number | null;
  readonly barSessions: BarSessionsState | null;
  load(range: FleetRange): Promise<void>;
  select(index: number | null): Promise<void>;
}

/** One page is plenty to look at; the list says how many more there are. */
const pageSize = 500;

let generation = 0;

/** The fleet timeline and the sessions behind one of its bars. */
export const useTimeline = create<TimelineSlice>((set, get) => ({
  range: '24h',
  fleet: { state: 'loading' },
  selected: null,
  barSessions: null,
  async load(range) {
    const mine = ++generation;
    set({ range, fleet: { state: 'loading' }, selected: null, barSessions: null });
    const [timeline, policy] = await Promise.all([
      api.call('sessions.fleetTimeline', { range }),
      api.call('policy.get', {}),
    ]);
    if (mine !== generation) return;
    if (!timeline.ok) return set({ fleet: { state: 'failed', error: timeline.error } });
    if (!policy.ok) return set({ fleet: { state: 'failed', error: policy.error } });
    set({
      fleet: {
        state: 'ready',
        timeline: timeline.value,
        cookieMaxAgeSeconds: policy.value.policy.cookieMaxAgeSeconds,
      },
    });
  },
  async select(index) {
    const { fleet } = get();
    const bucket =
      fleet.state === 'ready' && index !== null ? fleet.timeline.buckets[index] : undefined;
    if (fleet.state !== 'ready' || bucket === undefined) {
      return set({ selected: null, barSessions: null });
    }
    const mine = ++generation;
    set({ selected: index, barSessions: { state: 'loading' } });
    // The server lists by the rule the chart counted with: the list is the bar, to the session.
    const listed = await api.call('sessions.ending', {
      afterMs: bucket.startMs,
      byMs: bucket.endMs,
      limit: pageSize,
    });
    if (mine !== generation) return;
    set({
      barSessions: listed.ok
        ? {
            state: 'ready',
            rows: listed.value.sessions.map((session) => ({
              session,
              end: sessionEnd(session, fleet.cookieMaxAgeSeconds),
            })),
            unlisted: listed.value.total - listed.value.sessions.length,
          }
        : { state: 'failed', error: listed.error },
    });
  },
}));
