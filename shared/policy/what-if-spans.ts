import type { WhatIfResult } from './what-if';

/** A stretch of a what-if story: the user at work (and the client refreshing), or away. */
export interface WhatIfSpan {
  readonly kind: 'active' | 'away';
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Cuts a what-if story into active and away stretches from its login to its end (the logout, or
 * the horizon). Read from the steps rather than from the pattern again, so the picture shows the
 * story `whatIf` told: each `idle_gap` lasts until the step after it, everything else is active.
 */
export function whatIfSpans(result: WhatIfResult): WhatIfSpan[] {
  const { steps } = result;
  const loginMs = steps[0]?.atMs ?? result.horizonMs;
  const endMs = result.loggedOutAtMs ?? result.horizonMs;
  const spans: WhatIfSpan[] = [];
  const add = (kind: WhatIfSpan['kind'], startMs: number, untilMs: number): void => {
    if (untilMs <= startMs) return;
    const last = spans.at(-1);
    if (last?.kind === kind && last.endMs === startMs)
      spans[spans.length - 1] = { ...last, endMs: untilMs };
    else spans.push({ kind, startMs, endMs: untilMs });
  };
  let cursorMs = loginMs;
  steps.forEach((step, index) => {
    if (step.kind !== 'idle_gap') return;
    const gapEndMs = Math.min(steps[index + 1]?.atMs ?? endMs, endMs);
    add('active', cursorMs, step.atMs);
    add('away', step.atMs, gapEndMs);
    cursorMs = Math.max(cursorMs, gapEndMs);
  });
  add('active', cursorMs, endMs);
  return spans;
}
