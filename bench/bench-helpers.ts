import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a figure should reach; the runner says `ok` or `MISSED` in full runs. */
export interface BenchTarget {
  readonly op: '>=' | '<';
  readonly value: number;
}

/** One measured figure; the runner prints it as `BENCH <id> <value> <unit>`. */
export interface BenchFigure {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  /** The figure's target, when the suite owns it (else the runner's table in run.ts). */
  readonly target?: BenchTarget;
}

/** A suite's options: `quick` is the smoke run (tiny sizes, seconds in total). */
export interface SuiteOptions {
  readonly quick: boolean;
  /** Short human progress lines; the runner sends them to stderr. */
  readonly progress?: (line: string) => void;
}

/** The median; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('The median of no values is undefined.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Rounds to `digits` decimals (for printing; medians are taken on the unrounded values). */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Milliseconds taken by `run`, awaited if it returns a promise. */
export async function elapsedMs(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** What a bounded run did. */
export interface BoundedRun {
  readonly ops: number;
  readonly ms: number;
  readonly perSecond: number;
}

/**
 * Runs `op` from `lanes` concurrent loops (1 lane: each operation awaited alone) until `maxOps`
 * operations have started or `maxMs` has passed, whichever comes first, then waits for those in
 * flight. `op` gets its lane and the operation's global index (0, 1, 2…), and must throw on a
 * wrong result so a broken run never yields a figure.
 */
export async function runBounded(options: {
  readonly lanes: number;
  readonly maxOps: number;
  readonly maxMs: number;
  readonly op: (lane: number, index: number) => Promise<unknown>;
}): Promise<BoundedRun> {
  const { lanes, maxOps, maxMs, op } = options;
  const started = performance.now();
  const deadline = started + maxMs;
  let next = 0;
  const lane = async (laneIndex: number): Promise<void> => {
    while (next < maxOps && performance.now() < deadline) {
      const index = next;
      next += 1;
      await op(laneIndex, index);
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
  const ms = performance.now() - started;
  return { ops: next, ms, perSecond: next / (ms / 1000) };
}

/** A fresh temporary folder, removed by `cleanup` (safe to call twice). */
export function makeTempDir(prefix: string): { readonly path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), `tessera-bench-${prefix}-`));
  return {
    path,
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Runs `body` with a fresh temporary folder that is removed afterwards, even on failure. */
export async function withTempDir<T>(
  prefix: string,
  body: (path: string) => Promise<T>,
): Promise<T> {
  const dir = makeTempDir(prefix);
  try {
    return await body(dir.path);
  } finally {
    dir.cleanup();
  }
}

/** Lets pending timers and I/O run, so one timed phase does not inherit another's backlog. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Measures every side once per round, rotating which goes first from round to round (the
 * machine drifts during a run, so no side always gets the same moment), with `settle()` before
 * each. Returns what `measure` gave, per side, in round order.
 */
export async function inTurns<S extends string, T>(
  rounds: number,
  sides: readonly S[],
  measure: (side: S, round: number) => Promise<T>,
): Promise<Record<S, T[]>> {
  const results = Object.fromEntries(sides.map((side) => [side, [] as T[]])) as Record<S, T[]>;
  for (let round = 0; round < rounds; round += 1) {
    const first = round % sides.length;
    for (const side of [...sides.slice(first), ...sides.slice(0, first)]) {
      await settle();
      results[side].push(await measure(side, round));
    }
  }
  return results;
}
