import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../../shared/contract';
import { createEventBus } from './event-bus';

const clock = { nowMs: () => 1_700_000_000_000 };
const payload = { alg: 'ES256', kid: null, iss: null, signature: 'unchecked', by: 'test' } as const;

afterEach(() => vi.useRealTimers());

describe('event bus', () => {
  it('delivers events in batches, not one message per event, in order with sequence numbers', () => {
    vi.useFakeTimers();
    const bus = createEventBus({ clock, batchMs: 20 });
    const batches: EventBatch[] = [];
    bus.subscribe({ filter: {}, onBatch: (batch) => batches.push(batch) });
    for (let i = 0; i < 100; i += 1) bus.emit('token.inspected', payload);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((event) => event.seq)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(batches[0]!.events[0]).toMatchObject({
      type: 'token.inspected',
      atMs: 1_700_000_000_000,
    });
  });

  it('applies the type filter', () => {
    vi.useFakeTimers();
    const bus = createEventBus({ clock });
    const batches: EventBatch[] = [];
    bus.subscribe({
      filter: { types: ['session.created'] },
      onBatch: (batch) => batches.push(batch),
    });
    bus.emit('token.inspected', payload);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(0);
  });

  it('turns what a backed-up subscriber misses into a gap count, never a silent drop', () => {
    vi.useFakeTimers();
    const bus = createEventBus({ clock, batchMs: 10, maxQueue: 5 });
    let backedUp = true;
    const batches: EventBatch[] = [];
    bus.subscribe({
      filter: {},
      onBatch: (batch) => batches.push(batch),
      isBackedUp: () => backedUp,
    });
    for (let i = 0; i < 8; i += 1) bus.emit('token.inspected', payload);
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(0);
    backedUp = false;
    bus.emit('token.inspected', payload);
    vi.advanceTimersByTime(10);
    expect(batches).toEqual([{ dropped: 8, events: [expect.objectContaining({ seq: 9 })] }]);
  });

  it('stops delivering after unsubscribe', () => {
    vi.useFakeTimers();
    const bus = createEventBus({ clock });
    const batches: EventBatch[] = [];
    const unsubscribe = bus.subscribe({ filter: {}, onBatch: (batch) => batches.push(batch) });
    bus.emit('token.inspected', payload);
    unsubscribe();
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(0);
  });
});
