import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, endingSessionsInputSchema, type Policy } from '../../../shared/contract';
import { useTempStores } from '../store/temp-store.test-helper';
import { endingSessions } from './ending-sessions';
import { fleetTimeline } from './fleet-timeline';
import { insertSessions, type SessionFixture } from './session-fixtures.test-helper';

const stores = useTempStores();
const nowMs = Date.UTC(2026, 10, 23, 9, 0, 0);
const secondMs = 1000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
const policy: Policy = { ...defaultPolicy, cookieMaxAgeSeconds: 30 * 86_400 };

/** An active session created a day ago (cookie far off) whose idle deadline is `idleMs`. */
const idleAt = (sid: string, idleMs: number): SessionFixture => ({
  sid,
  createdMs: nowMs - dayMs,
  idleDeadlineMs: idleMs,
  absoluteDeadlineMs: nowMs + 20 * dayMs,
});

function timeline(sessions: readonly SessionFixture[], range: '24h' | '7d', fleetPolicy = policy) {
  const { db } = stores.open({ file: join(stores.folder(), 'tessera.db') });
  insertSessions(db, sessions);
  return fleetTimeline(db, fleetPolicy, nowMs, range);
}

describe('fleetTimeline', () => {
  it('lays out 24 hourly buckets from now, each open at its start and closed at its end', () => {
    const result = timeline(
      [
        idleAt('at-now', nowMs),
        idleAt('second-one', nowMs + secondMs),
        idleAt('end-of-hour-one', nowMs + hourMs),
        idleAt('start-of-hour-two', nowMs + hourMs + secondMs),
        idleAt('last-second', nowMs + 24 * hourMs),
        idleAt('beyond', nowMs + 24 * hourMs + secondMs),
        { ...idleAt('ended', nowMs + 2 * hourMs), status: 'ended' },
      ],
      '24h',
    );
    expect(result.range).toBe('24h');
    expect(result.bucketMs).toBe(hourMs);
    expect(result.buckets).toHaveLength(24);
    expect(result.buckets[0]).toEqual({
      startMs: nowMs,
      endMs: nowMs + hourMs,
      idle: 2,
      absolute: 0,
      cookie: 0,
    });
    expect(result.buckets[1]).toMatchObject({ startMs: nowMs + hourMs, idle: 1 });
    expect(result.buckets[23]).toMatchObject({ endMs: nowMs + 24 * hourMs, idle: 1 });
    const counted = result.buckets.reduce(
      (sum, bucket) => sum + bucket.idle + bucket.absolute + bucket.cookie,
      0,
    );
    expect(counted).toBe(4);
    // At its deadline a session is already over (the token service refuses at now >= deadline).
    expect(result.overdue).toEqual({ idle: 1, absolute: 0, cookie: 0 });
  });

  it('tells idle, absolute and cookie ends apart', () => {
    const result = timeline(
      [
        idleAt('idle', nowMs + 30 * 60_000),
        // The idle deadline capped by the absolute one: the maximum lifetime.
        {
          sid: 'capped',
          createdMs: nowMs - dayMs,
          idleDeadlineMs: nowMs + 2 * hourMs,
          absoluteDeadlineMs: nowMs + 2 * hourMs,
        },
        {
          sid: 'absolute',
          createdMs: nowMs - dayMs,
          idleDeadlineMs: nowMs + 5 * hourMs,
          absoluteDeadlineMs: nowMs + 3 * hourMs - 1,
        },
        // Cookie (created + 30 days) before both deadlines, which lie beyond the range.
        {
          sid: 'cookie-only',
          createdMs: nowMs - 30 * dayMs + 4 * hourMs,
          idleDeadlineMs: nowMs + 3 * dayMs,
          absoluteDeadlineMs: nowMs + 5 * dayMs,
        },
        // Cookie before a deadline that is itself within the range.
        {
          sid: 'cookie-first',
          createdMs: nowMs - 30 * dayMs + 5 * hourMs,
          idleDeadlineMs: nowMs + 6 * hourMs,
          absoluteDeadlineMs: nowMs + 5 * dayMs,
        },
        // A cookie that has already expired.
        {
          sid: 'cookie-gone',
          createdMs: nowMs - 31 * dayMs,
          idleDeadlineMs: nowMs + 3 * dayMs,
          absoluteDeadlineMs: nowMs + 5 * dayMs,
        },
      ],
      '24h',
    );
    const nonEmpty = result.buckets.flatMap((bucket, index) =>
      bucket.idle + bucket.absolute + bucket.cookie > 0 ? [{ index, ...bucket }] : [],
    );
    expect(
      nonEmpty.map(({ index, idle, absolute, cookie }) => ({ index, idle, absolute, cookie })),
    ).toEqual([
      { index: 0, idle: 1, absolute: 0, cookie: 0 },
      { index: 1, idle: 0, absolute: 1, cookie: 0 },
      { index: 2, idle: 0, absolute: 1, cookie: 0 },
      { index: 3, idle: 0, absolute: 0, cookie: 1 },
      { index: 4, idle: 0, absolute: 0, cookie: 1 },
    ]);
    expect(result.overdue).toEqual({ idle: 0, absolute: 0, cookie: 1 });
  });

  it('lays out a week as 28 six-hour buckets', () => {
    const result = timeline(
      [
        idleAt('first', nowMs + 6 * hourMs),
        idleAt('second', nowMs + 6 * hourMs + secondMs),
        idleAt('last', nowMs + 7 * dayMs),
        idleAt('beyond', nowMs + 7 * dayMs + secondMs),
      ],
      '7d',
    );
    expect(result.bucketMs).toBe(6 * hourMs);
    expect(result.buckets).toHaveLength(28);
    expect(result.buckets.at(-1)?.endMs).toBe(nowMs + 7 * dayMs);
    expect(result.buckets.map((bucket) => bucket.idle).filter((count) => count > 0)).toEqual([
      1, 1, 1,
    ]);
    expect(result.buckets[0]?.idle).toBe(1);
    expect(result.buckets[1]?.idle).toBe(1);
    expect(result.buckets[27]?.idle).toBe(1);
  });

  it('lists, for each bar and for the overdue, exactly the sessions it counted, soonest first', () => {
    const { db } = stores.open({ file: join(stores.folder(), 'tessera.db') });
    // Deadlines and cookies spread over two days around now, by a fixed rule.
    const sessions: SessionFixture[] = Array.from({ length: 300 }, (_, index) => {
      const spread = (index * 7_919_000) % (48 * hourMs);
      return {
        sid: `s${String(index).padStart(3, '0')}`,
        createdMs: nowMs - 30 * dayMs + ((index * 3_331_000) % (2 * dayMs)),
        idleDeadlineMs: nowMs - 6 * hourMs + spread,
        absoluteDeadlineMs: nowMs - 6 * hourMs + spread + (index % 3 === 0 ? 0 : hourMs),
        status: index % 17 === 0 ? 'ended' : 'active',
      };
    });
    insertSessions(db, sessions);
    const fleet = fleetTimeline(db, policy, nowMs, '24h');
    const total = (counts: { idle: number; absolute: number; cookie: number }) =>
      counts.idle + counts.absolute + counts.cookie;
    const windows = [
      // Every overdue session here ended (by deadline or cookie) within the last 8 days.
      { afterMs: nowMs - 8 * dayMs, byMs: nowMs, counted: total(fleet.overdue) },
      ...fleet.buckets.map((bucket) => ({
        afterMs: bucket.startMs,
        byMs: bucket.endMs,
        counted: total(bucket),
      })),
    ];
    const listedSids = new Set<string>();
    for (const window of windows) {
      const listed = endingSessions(db, policy, { ...window, limit: 500 });
      expect(listed.total).toBe(window.counted);
      expect(listed.sessions).toHaveLength(window.counted);
      const ends = listed.sessions.map((session) =>
        Math.min(session.nextDeadlineMs, session.createdMs + policy.cookieMaxAgeSeconds * 1000),
      );
      for (const end of ends) {
        expect(end).toBeGreaterThan(window.afterMs);
        expect(end).toBeLessThanOrEqual(window.byMs);
      }
      expect(ends).toEqual([...ends].sort((a, b) => a - b));
      for (const session of listed.sessions) {
        expect(session.status).toBe('active');
        expect(listedSids.has(session.sid)).toBe(false);
        listedSids.add(session.sid);
      }
    }
    expect(listedSids.size).toBeGreaterThan(100);
    expect(fleet.buckets.some((bucket) => bucket.cookie > 0)).toBe(true);

    const first = fleet.buckets.find((bucket) => total(bucket) > 2)!;
    const page = endingSessions(db, policy, {
      afterMs: first.startMs,
      byMs: first.endMs,
      limit: 2,
    });
    expect(page.sessions).toHaveLength(2);
    expect(page.total).toBe(total(first));
  });

  it('refuses a window longer than 8 days, which would read the whole table', () => {
    expect(
      endingSessionsInputSchema.safeParse({ afterMs: 0, byMs: 9e15 }).error?.issues[0],
    ).toMatchObject({ path: ['byMs'], message: 'the window may span 8 days at most' });
    expect(endingSessionsInputSchema.safeParse({ afterMs: nowMs, byMs: nowMs }).success).toBe(
      false,
    );
    expect(
      endingSessionsInputSchema.safeParse({ afterMs: nowMs, byMs: nowMs + 7 * dayMs }).success,
    ).toBe(true);
  });
});
