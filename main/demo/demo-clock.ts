import type { DemoClockSpeed as ClockSpeed } from '../../shared/contract';
import type { Clock } from '../core/clock';

/**
 * Timers never sleep longer than this on a simulated clock, so that a change of speed reaches
 * every deadline timer (sweeper, logout retries) within a second.
 */
const longestRealSleepMs = 1000;

/** The demo's clock: the real clock, shifted and sped up at run time; it never goes back. */
export interface DemoClock extends Clock {
  readonly simulation: { realDelayMs(ms: number): number };
  speed(): ClockSpeed;
  setSpeed(speed: ClockSpeed): void;
  /** Jumps forward to `ms` (the seed walks through the past this way); earlier is ignored. */
  advanceTo(ms: number): void;
  /** How far ahead of the real clock it is. */
  aheadMs(): number;
}

/** A simulated clock reading `startMs` now, at real speed. */
export function createDemoClock(startMs: number, realNowMs: () => number = Date.now): DemoClock {
  let anchorReal = realNowMs();
  let anchorSimulated = startMs;
  let current: ClockSpeed = 1;
  const nowMs = (): number => anchorSimulated + (realNowMs() - anchorReal) * current;
  const reanchor = (simulated: number): void => {
    anchorReal = realNowMs();
    anchorSimulated = simulated;
  };
  return {
    nowMs,
    simulation: {
      realDelayMs: (ms) => Math.min(longestRealSleepMs, Math.ceil(ms / current)),
    },
    speed: () => current,
    setSpeed(speed) {
      reanchor(nowMs());
      current = speed;
    },
    advanceTo(ms) {
      reanchor(Math.max(ms, nowMs()));
    },
    aheadMs: () => nowMs() - realNowMs(),
  };
}
