import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch, TesseraEvent } from '../../../shared/contract';
import { createEventBus, type Replay } from './event-bus';

afterEach(() => vi.useRealTimers());

/** A committed event as the log would hand it over. */
function event(seq: number, sid = 's-1'): TesseraEvent {
  return {
    seq,
    type: 'session.ended',
    atMs: 1_700_000_000_000 + seq,
    payload: { sid, userId: 'u', clientId: 'web', reason: 'revoked', by: 'test' },
  };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

describe('event bus', () => {
  it('delivers events in batches, not one message per event, in order', () => {
    vi.useFakeTimers();
    const bus = createEventBus({ batchMs: 20 });
    const batches: EventBatch[] = [];
    bus.subscribe({ filter: {}, onBatch: (batch) => batches.push(batch) });
    for (let seq = 1; seq <= 100; seq += 1) bus.publish([event(seq)]);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => e.seq)).toEqual(range(1, 100).map((e) => e.seq));
  });

  it('applies type and session filters', () => {
    vi.useFakeTimers();
    const bus = createEventBus({});
    const byType: EventBatch[] = [];
    const bySession: EventBatch[] = [];
    bus.subscribe({
      filter: { types: ['session.created'] },
      onBatch: (batch) => byType.push(batch),
    });
    bus.subscribe({ filter: { sid: 's-2' }, onBatch: (batch) => bySession.push(batch) });
    bus.publish([event(1, 's-1'), event(2, 's-2')]);
    vi.advanceTimersByTime(100);
    expect(byType).toHaveLength(0);
    expect(bySession.flatMap((b) => b.events.map((e) => e.seq))).toEqual([2]);
  });

  it('turns what a backed-up subscriber misses into a gap count, never a silent drop', () => {
    vi.useFakeTimers();
    const bus = createEventBus({ batchMs: 10, maxQueue: 5 });
    let backedUp = true;
    const batches: EventBatch[] = [];
    bus.subscribe({
      filter: {},
      onBatch: (batch) => batches.push(batch),
      isBackedUp: () => backedUp,
    });
    bus.publish(range(1, 8));
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(0);
    backedUp = false;
    bus.publish([event(9)]);
    vi.advanceTimersByTime(10);
    expect(batches).toEqual([{ dropped: 8, events: [expect.objectContaining({ seq: 9 })] }]);
  });

  it('replays the log after a seq, then goes live without duplicates or gaps', async () => {
    const logged = range(1, 2500);
    const replay: Replay = (_filter, afterSeq, limit) =>
      logged.filter((e) => e.seq > afterSeq).slice(0, limit);
    const bus = createEventBus({ replay, batchMs: 1 });
    const seen: number[] = [];
    bus.subscribe({
      filter: { afterSeq: 10 },
      onBatch: (batch) => seen.push(...batch.events.map((e) => e.seq)),
    });
    // Committed while the replay is still paging: the bus must neither repeat nor lose them.
    logged.push(event(2501));
    bus.publish([event(2501)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    bus.publish([event(2502)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(range(11, 2502).map((e) => e.seq));
  });

  it('stops delivering after unsubscribe', () => {
    vi.useFakeTimers();
    const bus = createEventBus({});
    const batches: EventBatch[] = [];
    const unsubscribe = bus.subscribe({ filter: {}, onBatch: (batch) => batches.push(batch) });
    bus.publish([event(1)]);
    unsubscribe();
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(0);
  });
});
