import { create } from 'zustand';
import type { ContractError, EventBatch, EventFilter, TesseraEvent } from '../../shared/contract';
import { api } from './connection';

/** One row of the feed: an event, or a marker where the server reported events this console missed. */
export type FeedItem =
  | { readonly kind: 'event'; readonly event: TesseraEvent }
  | { readonly kind: 'gap'; readonly dropped: number; readonly key: string };

/** The most rows kept: a 10,000/s stream fills it in 5 s and then the oldest rows go. */
export const maxFeedItems = 50_000;
const historyPage = 200;

interface EventsSlice {
  readonly filter: EventFilter;
  /** Oldest first (appending a batch is then a plain concat); the feed shows it newest first. */
  readonly items: readonly FeedItem[];
  /** What arrived while paused, shown on resume. */
  readonly held: readonly FeedItem[];
  /** Events (missed ones included) that arrived while paused. */
  readonly heldCount: number;
  readonly paused: boolean;
  /** Events received live since the feed started, missed ones included: the rate is read from it. */
  readonly received: number;
  /** Where older history continues (`events.query`'s `beforeSeq`); null when there is none. */
  readonly olderBeforeSeq: number | null;
  readonly loadingOlder: boolean;
  readonly error: ContractError | null;
}

const initial: EventsSlice = {
  filter: {},
  items: [],
  held: [],
  heldCount: 0,
  paused: false,
  received: 0,
  olderBeforeSeq: null,
  loadingOlder: false,
  error: null,
};

/** The events view's state: the live feed, its filter and its history. */
export const useEvents = create<EventsSlice>(() => initial);

const { getState: get, setState: set } = useEvents;

/** Appends and keeps only the newest `maxFeedItems`. */
function capped(items: readonly FeedItem[], added: readonly FeedItem[]): readonly FeedItem[] {
  const joined = items.concat(added);
  return joined.length > maxFeedItems ? joined.slice(joined.length - maxFeedItems) : joined;
}

let gapKeys = 0;

function batchItems(batch: EventBatch): FeedItem[] {
  const items: FeedItem[] = [];
  // The bus says how many it could not send with this batch, not which: the marker goes first.
  if (batch.dropped > 0)
    items.push({ kind: 'gap', dropped: batch.dropped, key: `gap-${++gapKeys}` });
  for (const event of batch.events) items.push({ kind: 'event', event });
  return items;
}

/** One state update per batch, whatever its size: the renderer never works per event. */
function applyBatch(batch: EventBatch): void {
  const added = batchItems(batch);
  if (added.length === 0) return;
  const count = batch.events.length + batch.dropped;
  const state = get();
  set(
    state.paused
      ? {
          held: capped(state.held, added),
          heldCount: state.heldCount + count,
          received: state.received + count,
        }
      : { items: capped(state.items, added), received: state.received + count },
  );
}

let stopLive: (() => void) | null = null;
/** Bumped at every (re)start, so answers and batches of an earlier filter are ignored. */
let generation = 0;

/**
 * Starts the feed for the current filter: the newest page of history first, then live events
 * from right after it (the subscription replays what happened in between, so nothing is lost).
 */
export function startFeed(): void {
  stopFeed();
  const mine = ++generation;
  const { filter, paused } = get();
  set({ ...initial, filter, paused });
  void api.call('events.query', { filter, limit: historyPage }).then((result) => {
    if (mine !== generation) return;
    if (result.ok) {
      set({
        items: [...result.value.events].reverse().map((event) => ({ kind: 'event', event })),
        olderBeforeSeq: result.value.nextBeforeSeq,
      });
    } else {
      set({ error: result.error });
    }
    // Without history to resume from, live only (a replay from 0 could be the whole log).
    const afterSeq = result.ok ? (result.value.events[0]?.seq ?? 0) : undefined;
    stopLive = api.subscribe({ ...filter, afterSeq }, (batch) => {
      if (mine === generation) applyBatch(batch);
    });
  });
}

/** Stops the live feed (the view is closed); its rows stay until the next start. */
export function stopFeed(): void {
  generation += 1;
  stopLive?.();
  stopLive = null;
}

/** Changes the filter (empty fields match all) and restarts the feed with it. */
export function setEventFilter(filter: EventFilter): void {
  set({ filter });
  startFeed();
}

export function pauseFeed(): void {
  set({ paused: true });
}

/** Shows what arrived while paused, in one update. */
export function resumeFeed(): void {
  const { items, held } = get();
  set({ paused: false, items: capped(items, held), held: [], heldCount: 0 });
}

/** Loads the next page of older history below the oldest row. */
export async function loadOlderEvents(): Promise<void> {
  const { filter, olderBeforeSeq, loadingOlder } = get();
  if (olderBeforeSeq === null || loadingOlder) return;
  const mine = generation;
  set({ loadingOlder: true });
  const result = await api.call('events.query', {
    filter,
    beforeSeq: olderBeforeSeq,
    limit: historyPage,
  });
  if (mine !== generation) return;
  if (!result.ok) {
    set({ loadingOlder: false, error: result.error });
    return;
  }
  const older = [...result.value.events]
    .reverse()
    .map((event): FeedItem => ({ kind: 'event', event }));
  // Not capped here: what the operator asked for stays until live batches push past the cap.
  set({
    items: older.concat(get().items),
    olderBeforeSeq: result.value.nextBeforeSeq,
    loadingOlder: false,
    error: null,
  });
}

/** The events currently loaded (not the gap markers), oldest first: what an export writes. */
export function loadedEvents(items: readonly FeedItem[]): TesseraEvent[] {
  const events: TesseraEvent[] = [];
  for (const item of items) if (item.kind === 'event') events.push(item.event);
  return events;
}
