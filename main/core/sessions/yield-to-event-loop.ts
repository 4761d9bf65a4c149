/**
 * Resolves on the event loop's next turn, after pending I/O: long chunked work awaits it between
 * chunks so that the token service's requests queued meanwhile are served in between.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
