/** The only source of "now" in main: tests and the demo's fast-forward replace it. */
export interface Clock {
  /** Epoch milliseconds. */
  nowMs(): number;
  /**
   * Present only on a simulated clock (the demo): how long a real timer must sleep for `ms`
   * to pass on this clock. Timers that wait for a deadline go through {@link realDelayMs}.
   */
  readonly simulation?: { realDelayMs(ms: number): number };
}

/** The real clock. */
export const systemClock: Clock = { nowMs: () => Date.now() };

/** How long a real timer sleeps for `ms` to pass on `clock` (the same, on the real clock). */
export function realDelayMs(clock: Clock, ms: number): number {
  return clock.simulation ? clock.simulation.realDelayMs(ms) : ms;
}

/**
 * "Now" for waits that people and programs take in real time (a login page left open, a code on
 * its way to the token endpoint): the clock itself, unless it is simulated, whose fast-forward
 * would otherwise expire them before anyone could answer.
 */
export function realWaitsClock(clock: Clock): () => number {
  return clock.simulation ? () => Date.now() : () => clock.nowMs();
}
