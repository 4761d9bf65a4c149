import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../contract/policy';
import { whatIf, type ActivityPattern } from './what-if';
import { whatIfSpans } from './what-if-spans';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Monday 23 November 2026, 09:00 UTC. */
const mondayNine = Date.UTC(2026, 10, 23, 9);

const officeHours: ActivityPattern = {
  startMs: mondayNine,
  activeFrom: '09:00',
  activeTo: '17:00',
  days: [1, 2, 3, 4, 5],
  refreshEverySeconds: 900,
  utcOffsetMinutes: 0,
};

describe('whatIfSpans', () => {
  it('follows office hours from the login to the logout, weekends away', () => {
    const result = whatIf(defaultPolicy, officeHours);
    const spans = whatIfSpans(result);
    expect(spans.slice(0, 3)).toEqual([
      { kind: 'active', startMs: mondayNine, endMs: mondayNine + 8 * hourMs },
      { kind: 'away', startMs: mondayNine + 8 * hourMs, endMs: mondayNine + dayMs },
      { kind: 'active', startMs: mondayNine + dayMs, endMs: mondayNine + dayMs + 8 * hourMs },
    ]);
    const fridayEvening = mondayNine + 4 * dayMs + 8 * hourMs;
    expect(spans).toContainEqual({
      kind: 'away',
      startMs: fridayEvening,
      endMs: mondayNine + 7 * dayMs,
    });
    // The session maximum (30 days) ends it on a Wednesday at 09:00, as the day would start.
    expect(result.loggedOutAtMs).toBe(mondayNine + 30 * dayMs);
    expect(spans.at(-1)).toEqual({
      kind: 'away',
      startMs: mondayNine + 29 * dayMs + 8 * hourMs,
      endMs: mondayNine + 30 * dayMs,
    });
  });

  it('tiles the whole story without gaps or overlaps', () => {
    const result = whatIf(defaultPolicy, officeHours);
    const spans = whatIfSpans(result);
    expect(spans[0]?.startMs).toBe(mondayNine);
    for (let index = 1; index < spans.length; index++) {
      expect(spans[index]?.startMs).toBe(spans[index - 1]?.endMs);
      expect(spans[index]?.kind).not.toBe(spans[index - 1]?.kind);
    }
  });

  it('shows a login outside working hours as time away until the logout', () => {
    const evening = mondayNine + 12 * hourMs;
    const result = whatIf(defaultPolicy, {
      ...officeHours,
      startMs: evening,
      refreshEverySeconds: 0,
    });
    expect(result.cause).toBe('access_token');
    expect(whatIfSpans(result)).toEqual([
      { kind: 'away', startMs: evening, endMs: evening + 15 * 60_000 },
    ]);
  });
});
