import { create } from 'zustand';
import type {
  ContractError,
  FleetBucketDto,
  FleetRange,
  FleetTimelineDto,
  SessionDto,
} from '../../shared/contract';
import { fleetTotal } from '../../shared/fleet/fleet-counts';
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
      /** Counted in the bar but not listed: more than one page, or ended by a cookie (see below). */
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

/** One page is plenty to look at; the bar says how many more there are. */
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
    const listed = await listBar(bucket, fleet.timeline.nowMs, fleet.cookieMaxAgeSeconds);
    if (mine !== generation) return;
    set({
      barSessions: listed.ok
        ? {
            state: 'ready',
            rows: listed.rows,
            unlisted: Math.max(0, fleetTotal(bucket) - listed.rows.length),
          }
        : { state: 'failed', error: listed.error },
    });
  },
}));

/**
 * Lists a bar's sessions. The list filters only by "deadline within", so ask for deadlines up to
 * the bar's end, latest first: the bar's own come first, then earlier ones, which are dropped.
 * Counted from the chart's `nowMs`, the window can only be longer than the bar's end (the
 * server's clock has moved on since), never shorter. Sessions that end by their cookie while
 * their deadline is later than the bar cannot be asked for; `unlisted` counts them.
 */
async function listBar(
  bucket: FleetBucketDto,
  chartNowMs: number,
  cookieMaxAgeSeconds: number,
): Promise<{ ok: true; rows: BarSession[] } | { ok: false; error: ContractError }> {
  const result = await api.call('sessions.list', {
    filter: { endingWithinSeconds: Math.ceil((bucket.endMs - chartNowMs) / 1000) },
    sort: 'nextDeadline',
    direction: 'desc',
    limit: pageSize,
  });
  if (!result.ok) return result;
  const rows = result.value.sessions
    .map((session) => ({ session, end: sessionEnd(session, cookieMaxAgeSeconds) }))
    .filter(({ end }) => end.endMs > bucket.startMs && end.endMs <= bucket.endMs);
  return { ok: true, rows };
}
