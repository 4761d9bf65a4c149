// The page side of bench/ui-events.bench.ts. `installProbe` is serialised by page.evaluate and
// runs in the console's page: it may use only its own body and DOM globals, nothing imported.

/**
 * The Event Timing API reports only events that took at least this long (key press to the next
 * paint); a figure of 16 means every key showed within a frame.
 */
export const minEventTimingMs = 16;

/** What the probe saw, read once the stream is over. */
export interface ProbeReading {
  /** [seq, first frame it was on screen (epoch ms)]. */
  readonly rows: [number, number][];
  /** Durations of long tasks (over 50 ms) since the probe started. */
  readonly longTasks: number[];
  /** Key presses seen, and the durations of those that took `minEventTimingMs` or more. */
  readonly keys: number;
  readonly keyDurations: number[];
}

declare global {
  interface Window {
    tesseraProbe?: { read(): ProbeReading };
  }
}

/** Runs in the page: watches the feed's rows, the main thread's long tasks and key presses. */
export function installProbe(): void {
  const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
  const rows: [number, number][] = [];
  const recorded = new Set<number>();
  const longTasks: number[] = [];
  let frameAsked = false;
  const stamp = (): void => {
    frameAsked = false;
    const shownMs = performance.timeOrigin + performance.now();
    const bottom = grid.clientHeight + grid.scrollTop;
    for (const row of Array.from(grid.querySelectorAll<HTMLElement>('[data-seq]'))) {
      const seq = Number(row.dataset.seq);
      if (recorded.has(seq) || (row.parentElement?.offsetTop ?? 0) >= bottom) continue;
      recorded.add(seq);
      rows.push([seq, shownMs]);
    }
  };
  new MutationObserver(() => {
    if (frameAsked) return;
    frameAsked = true;
    requestAnimationFrame(stamp);
  }).observe(grid, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-seq'],
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  let keys = 0;
  const keyDurations: number[] = [];
  document.addEventListener('keydown', () => (keys += 1), { capture: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'keydown') keyDurations.push(entry.duration);
    }
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  window.tesseraProbe = { read: () => ({ rows, longTasks, keys, keyDurations }) };
}
