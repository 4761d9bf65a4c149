import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../contract/policy';
import { activityPatternSchema, whatIf, type ActivityPattern } from './what-if';

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Every pattern here is in UTC+1. */
const offsetMinutes = 60;

/** Epoch ms of a local (UTC+1) time in 2026; month 11 = November. */
const local = (month: number, date: number, hours: number, minutes = 0) =>
  Date.UTC(2026, month - 1, date, hours, minutes) - offsetMinutes * minute;

/** Monday 23 November 2026, 09:00 local: the start of a working day. */
const mondayNine = local(11, 23, 9);

/** Weekdays 09:00–17:00, refreshing every 5 min, logging in on Monday at 09:00. */
const officeHours: ActivityPattern = {
  startMs: mondayNine,
  activeFrom: '09:00',
  activeTo: '17:00',
  days: [1, 2, 3, 4, 5],
  refreshEverySeconds: 300,
  utcOffsetMinutes: offsetMinutes,
};

const policy = (changes: Partial<Policy>): Policy => ({ ...defaultPolicy, ...changes });
const pattern = (changes: Partial<ActivityPattern>): ActivityPattern => ({
  ...officeHours,
  ...changes,
});

describe('whatIf: default policy, office hours', () => {
  // Nothing renews the session maximum, the refresh token's absolute lifetime or the cookie, and
  // by default all three are 30 days: they end the session together at login + 30 days, the
  // start of Wednesday 23 December (the refresh when the day opens fails). The tie goes to the
  // session maximum, the limit the policy means to enforce. The idle limits (14 days) never bite:
  // the longest gap, a weekend, is 2 days 16 h 5 min.
  const result = whatIf(defaultPolicy, officeHours);

  it('logs out at the session maximum, to the second', () => {
    expect(result.loggedOutAtMs).toBe(mondayNine + 30 * day);
    expect(result.loggedOutAtMs).toBe(local(12, 23, 9));
    expect(result.cause).toBe('session_max');
    expect(result.horizonMs).toBe(mondayNine + 90 * day);
    expect(result.sentence).toBe(
      'Logged out on Wed 23 Dec at 09:00 (after 30 days): the session reached its maximum length of 30 days.',
    );
  });

  it('reports every limit as of the logout', () => {
    // The last refresh was Tuesday 22 December at 16:55; both idle deadlines are capped.
    expect(result.limits).toEqual([
      { cause: 'session_max', atMs: mondayNine + 30 * day },
      { cause: 'refresh_absolute', atMs: mondayNine + 30 * day },
      { cause: 'session_idle', atMs: mondayNine + 30 * day },
      { cause: 'refresh_idle', atMs: mondayNine + 30 * day },
      { cause: 'cookie', atMs: mondayNine + 30 * day },
      { cause: 'access_token', atMs: local(12, 22, 16, 55) + 15 * minute },
    ]);
  });

  it('tells the story one working day at a time', () => {
    const { steps } = result;
    expect(steps[0]).toEqual({
      atMs: mondayNine,
      kind: 'login',
      note: 'Logs in on Mon 23 Nov at 09:00; the cookie is set for 30 days and is not renewed.',
    });
    // Monday: login at 09:00, refreshes 09:05 … 16:55 (95); 17:00 is the end of the period.
    expect(steps[1]).toEqual({
      atMs: mondayNine + 5 * minute,
      kind: 'refresh',
      note: 'Refreshes 95 times, every 5 min, from Mon 23 Nov at 09:05 to Mon 23 Nov at 16:55.',
    });
    expect(steps[2]).toEqual({
      atMs: local(11, 23, 17),
      kind: 'idle_gap',
      note: 'Inactive for 16 h, until Tue 24 Nov at 09:00.',
    });
    // Tuesday: refreshes 09:00 … 16:55 (96).
    expect(steps[3]?.note).toBe(
      'Refreshes 96 times, every 5 min, from Tue 24 Nov at 09:00 to Tue 24 Nov at 16:55.',
    );
    // 22 working days from Monday 23 Nov to Tuesday 22 Dec, each a refresh run and a gap.
    expect(steps).toHaveLength(1 + 22 * 2 + 1);
    expect(steps.at(-1)).toEqual({
      atMs: mondayNine + 30 * day,
      kind: 'logout',
      note: 'Logged out: the session reached its maximum length of 30 days.',
    });
    const times = steps.map((step) => step.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('whatIf: cookie', () => {
  it('logs out when a 1 h cookie expires although the tokens last 7 days', () => {
    // Refreshes at 09:05 … 09:55 succeed; the one at 10:00 finds the cookie expired at 10:00.
    const result = whatIf(
      policy({
        cookieMaxAgeSeconds: 3_600,
        refreshAbsoluteSeconds: 7 * 86_400,
        sessionMaxSeconds: 7 * 86_400,
      }),
      officeHours,
    );
    expect(result.loggedOutAtMs).toBe(mondayNine + hour);
    expect(result.cause).toBe('cookie');
    expect(result.sentence).toBe(
      'Logged out on Mon 23 Nov at 10:00 (after 1 h): the cookie expired (max-age 1 h) although the session could have lasted 7 days.',
    );
    expect(result.steps).toEqual([
      {
        atMs: mondayNine,
        kind: 'login',
        note: 'Logs in on Mon 23 Nov at 09:00; the cookie is set for 1 h and is not renewed.',
      },
      {
        atMs: mondayNine + 5 * minute,
        kind: 'refresh',
        note: 'Refreshes 11 times, every 5 min, from Mon 23 Nov at 09:05 to Mon 23 Nov at 09:55.',
      },
      {
        atMs: mondayNine + hour,
        kind: 'logout',
        note: 'Logged out: the cookie expired (max-age 1 h) although the session could have lasted 7 days.',
      },
    ]);
  });

  it('logs out while the user is away, at the moment the cookie expires', () => {
    // A 10 h cookie expires at 19:00, after the user left at 17:00; nothing renews it overnight.
    const result = whatIf(policy({ cookieMaxAgeSeconds: 10 * 3_600 }), officeHours);
    expect(result.loggedOutAtMs).toBe(local(11, 23, 19));
    expect(result.cause).toBe('cookie');
    expect(result.steps.map((step) => step.kind)).toEqual([
      'login',
      'refresh',
      'idle_gap',
      'logout',
    ]);
  });
});

describe('whatIf: access token', () => {
  it('logs out when a client that never refreshes reaches the end of its 1 h token', () => {
    const result = whatIf(
      policy({ accessTokenSeconds: 3_600 }),
      pattern({ refreshEverySeconds: 0 }),
    );
    expect(result.loggedOutAtMs).toBe(mondayNine + hour);
    expect(result.cause).toBe('access_token');
    expect(result.sentence).toBe(
      'Logged out on Mon 23 Nov at 10:00 (after 1 h): the access token expired (lifetime 1 h) and the client never refreshes it.',
    );
    expect(result.steps.map((step) => step.kind)).toEqual(['login', 'logout']);
  });

  it('logs out at the expiry even when the user only comes back later', () => {
    // Login on Saturday 28 Nov at 10:00, outside the active days; the token expires at 11:00 and
    // is found expired on Monday at 09:00, but the logout moment is the expiry itself.
    const saturday = local(11, 28, 10);
    const result = whatIf(
      policy({ accessTokenSeconds: 3_600 }),
      pattern({ startMs: saturday, refreshEverySeconds: 0 }),
    );
    expect(result.loggedOutAtMs).toBe(saturday + hour);
    expect(result.cause).toBe('access_token');
    expect(result.steps).toEqual([
      {
        atMs: saturday,
        kind: 'login',
        note: 'Logs in on Sat 28 Nov at 10:00; the cookie is set for 30 days and is not renewed.',
      },
      {
        atMs: saturday,
        kind: 'idle_gap',
        note: 'Inactive for 1 day 23 h, until Mon 30 Nov at 09:00.',
      },
      {
        atMs: saturday + hour,
        kind: 'logout',
        note: 'Logged out: the access token expired (lifetime 1 h) and the client never refreshes it.',
      },
    ]);
  });

  it('logs out when the token expires between refreshes that come too rarely', () => {
    // 15 min tokens, refreshed every 30 min: the login token expires at 09:15 while active.
    const result = whatIf(defaultPolicy, pattern({ refreshEverySeconds: 1_800 }));
    expect(result.loggedOutAtMs).toBe(mondayNine + 15 * minute);
    expect(result.cause).toBe('access_token');
    expect(result.sentence).toBe(
      'Logged out on Mon 23 Nov at 09:15 (after 15 min): the access token expired (lifetime 15 min) while the user was active, because the client refreshes only every 30 min.',
    );
  });

  it('does not log out when a rarely refreshed token expires only while the user is away', () => {
    // Active 09:00–09:10: the token from each morning's refresh expires at 09:15, after the user
    // left, and the next morning's refresh replaces it. The session maximum ends it at 30 days.
    const result = whatIf(
      defaultPolicy,
      pattern({ activeTo: '09:10', refreshEverySeconds: 1_800 }),
    );
    expect(result.loggedOutAtMs).toBe(mondayNine + 30 * day);
    expect(result.cause).toBe('session_max');
  });

  it('keeps a refresh exactly at the expiry in time', () => {
    const result = whatIf(defaultPolicy, pattern({ refreshEverySeconds: 900 }));
    expect(result.cause).toBe('session_max');
  });
});

describe('whatIf: session idle', () => {
  it('logs out an hour after the last refresh of the day', () => {
    // The period is [09:00, 17:00): the last refresh is at 16:55, so the 1 h idle limit passes at
    // 17:55 on Monday, during the night gap, not at 18:00.
    const result = whatIf(policy({ sessionIdleSeconds: 3_600 }), officeHours);
    expect(result.loggedOutAtMs).toBe(local(11, 23, 17, 55));
    expect(result.cause).toBe('session_idle');
    expect(result.sentence).toBe(
      'Logged out on Mon 23 Nov at 17:55 (after 8 h 55 min): the session was idle for its limit of 1 h after the last refresh on Mon 23 Nov at 16:55.',
    );
    expect(result.steps.map((step) => [step.kind, step.atMs])).toEqual([
      ['login', mondayNine],
      ['refresh', mondayNine + 5 * minute],
      ['idle_gap', local(11, 23, 17)],
      ['logout', local(11, 23, 17, 55)],
    ]);
  });

  it('handles a night shift that runs past midnight', () => {
    // Active 22:00–06:00 starting Monday evening: the last refresh is Tuesday 05:55.
    const result = whatIf(
      policy({ sessionIdleSeconds: 3_600 }),
      pattern({ startMs: local(11, 23, 22), activeFrom: '22:00', activeTo: '06:00' }),
    );
    expect(result.loggedOutAtMs).toBe(local(11, 24, 6, 55));
    expect(result.cause).toBe('session_idle');
  });
});

describe('whatIf: refresh idle over the weekend', () => {
  it('logs out two days after Friday’s last refresh', () => {
    // Nights (16 h 5 min between 16:55 and 09:00) stay within 2 days; the weekend does not: the
    // last refresh on Friday 27 Nov is at 16:55, so the refresh token expires Sunday at 16:55.
    const result = whatIf(policy({ refreshIdleSeconds: 2 * 86_400 }), officeHours);
    expect(result.loggedOutAtMs).toBe(local(11, 29, 16, 55));
    expect(result.loggedOutAtMs).toBe(mondayNine + 6 * day + 7 * hour + 55 * minute);
    expect(result.cause).toBe('refresh_idle');
    expect(result.sentence).toBe(
      'Logged out on Sun 29 Nov at 16:55 (after 6 days 7 h): the refresh token went unused for its idle limit of 2 days after the last refresh on Fri 27 Nov at 16:55.',
    );
    expect(result.limits.find((limit) => limit.cause === 'refresh_idle')?.atMs).toBe(
      local(11, 29, 16, 55),
    );
  });

  it('survives the weekend with a 3-day idle limit', () => {
    // Friday 16:55 to Monday 09:00 is 2 days 16 h 5 min, within 3 days.
    const result = whatIf(policy({ refreshIdleSeconds: 3 * 86_400 }), officeHours);
    expect(result.cause).toBe('session_max');
  });
});

describe('whatIf: refresh absolute', () => {
  it('logs out at the refresh token’s absolute lifetime before the session maximum', () => {
    // Login + 7 days is Monday 30 Nov at 09:00: the refresh as the day opens fails.
    const result = whatIf(policy({ refreshAbsoluteSeconds: 7 * 86_400 }), officeHours);
    expect(result.loggedOutAtMs).toBe(mondayNine + 7 * day);
    expect(result.cause).toBe('refresh_absolute');
    expect(result.sentence).toBe(
      'Logged out on Mon 30 Nov at 09:00 (after 7 days): the refresh token reached its absolute lifetime of 7 days although the session could have lasted 30 days.',
    );
  });
});

describe('whatIf: still logged in at the horizon', () => {
  const longPolicy = policy({
    refreshAbsoluteSeconds: 365 * 86_400,
    sessionMaxSeconds: 365 * 86_400,
    cookieMaxAgeSeconds: 365 * 86_400,
  });

  it('jumps over millions of refreshes: active all day, every day, refreshing every second', () => {
    const started = performance.now();
    const result = whatIf(
      longPolicy,
      pattern({
        activeFrom: '00:00',
        activeTo: '00:00',
        days: [0, 1, 2, 3, 4, 5, 6],
        refreshEverySeconds: 1,
      }),
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.loggedOutAtMs).toBeNull();
    expect(result.cause).toBeNull();
    expect(result.sentence).toBe(
      'Still logged in after 90 days (on Sun 21 Feb at 09:00): no limit ends the session while the user keeps this rhythm.',
    );
    // One continuous period: refreshes at login + 1 s … horizon − 1 s.
    expect(result.steps).toEqual([
      {
        atMs: mondayNine,
        kind: 'login',
        note: 'Logs in on Mon 23 Nov at 09:00; the cookie is set for 365 days and is not renewed.',
      },
      {
        atMs: mondayNine + second,
        kind: 'refresh',
        note: 'Refreshes 7775999 times, every 1 s, from Mon 23 Nov at 09:00:01 to Sun 21 Feb at 08:59:59.',
      },
    ]);
    expect(result.limits.find((limit) => limit.cause === 'access_token')?.atMs).toBe(
      result.horizonMs - second + 15 * minute,
    );
  });

  it('keeps the story within 200 steps for a short period every day', () => {
    const result = whatIf(
      longPolicy,
      pattern({ activeTo: '09:01', days: [0, 1, 2, 3, 4, 5, 6], refreshEverySeconds: 30 }),
    );
    expect(result.loggedOutAtMs).toBeNull();
    // Login, then a refresh run and a gap for each of the 90 days.
    expect(result.steps).toHaveLength(1 + 90 * 2);
    expect(result.steps.at(-1)).toEqual({
      atMs: mondayNine + 89 * day + minute,
      kind: 'idle_gap',
      note: 'Not active again within the 90 days looked at.',
    });
  });
});

describe('activityPatternSchema', () => {
  it('accepts a valid pattern', () => {
    expect(activityPatternSchema.parse(officeHours)).toEqual(officeHours);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an hour without two digits', { activeFrom: '9:00' }],
    ['hour 24', { activeTo: '24:00' }],
    ['minute 60', { activeFrom: '12:60' }],
    ['no active day', { days: [] }],
    ['a day beyond Saturday', { days: [7] }],
    ['a repeated day', { days: [1, 1] }],
    ['a fractional day', { days: [1.5] }],
    ['a negative refresh period', { refreshEverySeconds: -1 }],
    ['a refresh period over a day', { refreshEverySeconds: 86_401 }],
    ['a fractional refresh period', { refreshEverySeconds: 1.5 }],
    ['an offset beyond +14 h', { utcOffsetMinutes: 841 }],
    ['an offset beyond −14 h', { utcOffsetMinutes: -841 }],
    ['a login at the epoch', { startMs: 0 }],
    ['a fractional login moment', { startMs: 1.5 }],
    ['an unknown field', { timezone: 'Europe/Paris' }],
  ])('rejects %s', (_, changes) => {
    expect(activityPatternSchema.safeParse({ ...officeHours, ...changes }).success).toBe(false);
  });

  it('accepts the extremes', () => {
    const extremes = {
      ...officeHours,
      activeFrom: '00:00',
      activeTo: '23:59',
      days: [0, 6],
      refreshEverySeconds: 86_400,
      utcOffsetMinutes: -840,
    };
    expect(activityPatternSchema.safeParse(extremes).success).toBe(true);
    expect(activityPatternSchema.safeParse({ ...extremes, refreshEverySeconds: 0 }).success).toBe(
      true,
    );
  });
});
