import { join } from 'node:path';
import { createEventBus } from '../main/core/events/event-bus';
import { createEventLog } from '../main/core/events/event-log';
import { createRecordedCommit } from '../main/core/events/recorded-commit';
import { systemClock } from '../main/core/clock';
import { createGroupCommitter } from '../main/core/store/group-commit';
import { openStore } from '../main/core/store/open-store';
import { median, roundTo, withTempDir, type BenchFigure, type SuiteOptions } from './bench-helpers';

/**
 * `events_per_s`: events persisted (synchronous=FULL, group commit) AND delivered to a live
 * subscriber per second, from the first emit to the subscriber holding the last one.
 */
export async function benchEvents(options: SuiteOptions): Promise<BenchFigure[]> {
  const total = options.quick ? 5_000 : 100_000;
  const inFlight = 512;
  const rounds = options.quick ? 1 : 3;
  const rates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    rates.push(await withTempDir('events', (dir) => oneRound(dir, total, inFlight)));
    options.progress?.(`events: round ${round + 1}: ${Math.round(rates.at(-1)!)}/s`);
  }
  return [{ id: 'events_per_s', value: roundTo(median(rates), 0), unit: 'events/s' }];
}

async function oneRound(dir: string, total: number, inFlight: number): Promise<number> {
  const store = openStore({ file: join(dir, 'tessera.db') });
  try {
    const log = createEventLog(store.db, systemClock);
    const bus = createEventBus({});
    const commits = createRecordedCommit({ committer: createGroupCommitter(store.db), log, bus });
    let delivered = 0;
    const allDelivered = new Promise<void>((resolve) =>
      bus.subscribe({
        filter: {},
        onBatch: (batch) => {
          delivered += batch.events.length + batch.dropped;
          if (delivered >= total) resolve();
        },
      }),
    );
    const started = performance.now();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < total) {
        const index = next++;
        await commits.record('key.retired', { kid: `k${index}`, by: 'bench' });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
    await allDelivered;
    const seconds = (performance.now() - started) / 1000;
    if (log.latestSeq() !== total)
      throw new Error(`expected ${total} events, logged ${log.latestSeq()}`);
    return total / seconds;
  } finally {
    store.close();
  }
}
