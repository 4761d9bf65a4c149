import type { EventBatch, EventFilter, Subscription, TesseraEvent } from '../../../shared/contract';
import { matchesFilter } from './event-log';

/** A live subscriber as a transport registers it. */
export interface Subscriber {
  readonly filter: Subscription;
  readonly onBatch: (batch: EventBatch) => void;
  /**
   * Whether the subscriber's outlet is still full (e.g. a socket's send buffer). While it is,
   * batches are not sent but counted, so a slow console never slows the token service and
   * learns exactly how much it missed.
   */
  readonly isBackedUp?: () => boolean;
}

/** Reads logged events after a seq, oldest first: what a resuming subscriber missed. */
export type Replay = (
  filter: EventFilter,
  afterSeq: number,
  limit: number,
) => readonly TesseraEvent[];

/** Live delivery of committed events, batched per subscriber. */
export interface EventBus {
  /** Hands committed events (already in the log, in seq order) to live subscribers. */
  publish(events: readonly TesseraEvent[]): void;
  subscribe(subscriber: Subscriber): () => void;
}

interface Outlet {
  readonly subscriber: Subscriber;
  queue: TesseraEvent[];
  dropped: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** While replaying, live events wait in the queue; then those already replayed are skipped. */
  replaying: boolean;
}

const replayPage = 1000;

/**
 * Creates the bus. Batches leave at most every `batchMs`, each queue at most `maxQueue` deep;
 * what does not fit is counted and reported as a gap, never dropped silently.
 */
export function createEventBus(options: {
  replay?: Replay;
  batchMs?: number;
  maxQueue?: number;
}): EventBus {
  const { batchMs = 25, maxQueue = 10_000 } = options;
  const outlets = new Set<Outlet>();

  const flush = (outlet: Outlet): void => {
    outlet.timer = null;
    if (!outlets.has(outlet) || outlet.replaying) return;
    if (outlet.subscriber.isBackedUp?.()) {
      outlet.dropped += outlet.queue.length;
      outlet.queue = [];
      schedule(outlet);
      return;
    }
    const batch: EventBatch = { events: outlet.queue, dropped: outlet.dropped };
    outlet.queue = [];
    outlet.dropped = 0;
    outlet.subscriber.onBatch(batch);
  };

  const schedule = (outlet: Outlet): void => {
    outlet.timer ??= setTimeout(() => flush(outlet), batchMs);
  };

  /** Sends the log after `afterSeq` page by page, then lets the live queue flow. */
  const replay = (outlet: Outlet, afterSeq: number): void => {
    const page = options.replay?.(outlet.subscriber.filter, afterSeq, replayPage) ?? [];
    if (!outlets.has(outlet)) return;
    if (page.length > 0) outlet.subscriber.onBatch({ events: page, dropped: 0 });
    const last = page.at(-1)?.seq ?? afterSeq;
    if (page.length === replayPage) {
      setImmediate(() => replay(outlet, last));
      return;
    }
    outlet.replaying = false;
    outlet.queue = outlet.queue.filter((event) => event.seq > last);
    if (outlet.queue.length > 0 || outlet.dropped > 0) schedule(outlet);
  };

  return {
    publish(events) {
      for (const outlet of outlets) {
        for (const event of events) {
          if (!matchesFilter(event, outlet.subscriber.filter)) continue;
          if (outlet.queue.length >= maxQueue) outlet.dropped += 1;
          else outlet.queue.push(event);
        }
        if (outlet.queue.length > 0 || outlet.dropped > 0) schedule(outlet);
      }
    },
    subscribe(subscriber) {
      const { afterSeq } = subscriber.filter;
      const outlet: Outlet = {
        subscriber,
        queue: [],
        dropped: 0,
        timer: null,
        replaying: afterSeq !== undefined,
      };
      outlets.add(outlet);
      if (afterSeq !== undefined) setImmediate(() => replay(outlet, afterSeq));
      return () => {
        outlets.delete(outlet);
        if (outlet.timer) clearTimeout(outlet.timer);
      };
    },
  };
}
