import type {
  EventBatch,
  EventFilter,
  EventPayload,
  EventType,
  TesseraEvent,
} from '../../../shared/contract';
import type { Clock } from '../clock';

/** A live subscriber as a transport registers it. */
export interface Subscriber {
  readonly filter: EventFilter;
  readonly onBatch: (batch: EventBatch) => void;
  /**
   * Whether the subscriber's outlet is still full (e.g. a socket's send buffer). While it is,
   * batches are not sent but counted, so a slow console never slows the token service and
   * learns exactly how much it missed.
   */
  readonly isBackedUp?: () => boolean;
}

/** Typed event bus; live delivery is batched per subscriber. */
export interface EventBus {
  emit<K extends EventType>(type: K, payload: EventPayload<K>): void;
  subscribe(subscriber: Subscriber): () => void;
}

interface Outlet {
  readonly subscriber: Subscriber;
  readonly types: ReadonlySet<string> | null;
  queue: TesseraEvent[];
  dropped: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Creates an in-memory bus. Batches leave at most every `batchMs`, at most `maxQueue` deep. */
export function createEventBus(options: {
  clock: Clock;
  batchMs?: number;
  maxQueue?: number;
}): EventBus {
  const { clock, batchMs = 25, maxQueue = 10_000 } = options;
  const outlets = new Set<Outlet>();
  let seq = 0;

  const flush = (outlet: Outlet): void => {
    outlet.timer = null;
    if (!outlets.has(outlet)) return;
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

  return {
    emit(type, payload) {
      seq += 1;
      const event = { seq, type, atMs: clock.nowMs(), payload } as TesseraEvent;
      for (const outlet of outlets) {
        if (outlet.types && !outlet.types.has(type)) continue;
        if (outlet.queue.length >= maxQueue) outlet.dropped += 1;
        else outlet.queue.push(event);
        schedule(outlet);
      }
    },
    subscribe(subscriber) {
      const types = subscriber.filter.types ? new Set(subscriber.filter.types) : null;
      const outlet: Outlet = { subscriber, types, queue: [], dropped: 0, timer: null };
      outlets.add(outlet);
      return () => {
        outlets.delete(outlet);
        if (outlet.timer) clearTimeout(outlet.timer);
      };
    },
  };
}
