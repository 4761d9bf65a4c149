/** The only source of "now" in main: tests and the demo's fast-forward replace it. */
export interface Clock {
  /** Epoch milliseconds. */
  nowMs(): number;
}

/** The real clock. */
export const systemClock: Clock = { nowMs: () => Date.now() };
