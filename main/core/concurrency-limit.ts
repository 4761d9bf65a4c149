/**
 * Runs at most `limit` tasks at a time; the rest wait in arrival order. For work that occupies a
 * shared pool (libuv's four threads) where too many at once would starve other users of it.
 */
export function createConcurrencyLimit(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  // A finished task hands its slot straight to the next waiter: were the slot freed first, a
  // task arriving before the waiter wakes could take it too, and one more would run.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
