import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from './concurrency-limit';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('concurrency limit', () => {
  it('runs at most the limit at once, the rest in arrival order, even when tasks fail', async () => {
    const limit = createConcurrencyLimit(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = gates.map((gate, index) =>
      limit(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
        if (index === 1) throw new Error('task 1 failed');
        return index;
      }).catch((error: Error) => error.message),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    gates[0]!.resolve();
    for (const gate of gates.slice(2)) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 'task 1 failed', 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('gives a freed slot to the task that waited, not to one arriving meanwhile', async () => {
    // A new task may arrive at any microtask after the running one ends: try each moment.
    for (let ticks = 0; ticks < 12; ticks += 1) {
      const limit = createConcurrencyLimit(1);
      let running = 0;
      let most = 0;
      const task = (gate: Promise<void>) => () => {
        running += 1;
        most = Math.max(most, running);
        return gate.then(() => {
          running -= 1;
        });
      };
      const first = deferred();
      const rest = deferred();
      const a = limit(task(first.promise));
      const b = limit(task(rest.promise));
      first.resolve();
      for (let tick = 0; tick < ticks; tick += 1) await Promise.resolve();
      const c = limit(task(rest.promise));
      rest.resolve();
      await Promise.all([a, b, c]);
      expect({ ticks, most }).toEqual({ ticks, most: 1 });
    }
  });
});
