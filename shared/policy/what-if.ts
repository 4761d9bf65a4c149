import { z } from 'zod';
import type { Policy } from '../contract/policy';
import { formatDuration } from '../time/format';

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** How far ahead `whatIf` looks: a quarter covers monthly limits and a few weekly rhythms. */
export const whatIfHorizonSeconds = 90 * 86_400;

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Logins after this would put the horizon beyond the years a date is written for. */
const latestStartMs = Date.UTC(9999, 0, 1);

/** A user's weekly rhythm and their client's refresh timer, as `whatIf` plays it out. */
export const activityPatternSchema = z
  .object({
    /** The login moment, epoch milliseconds. */
    startMs: z.number().int().positive().max(latestStartMs),
    /** Local time the user becomes active on an active day, `HH:MM`. */
    activeFrom: z.string().regex(clockTime, 'Use HH:MM, e.g. 09:00.'),
    /**
     * Local time the user stops, `HH:MM`; earlier than `activeFrom` means the next day, equal
     * means 24 hours.
     */
    activeTo: z.string().regex(clockTime, 'Use HH:MM, e.g. 17:00.'),
    /** The days an active period starts on, 0 = Sunday … 6 = Saturday. */
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .refine((days) => new Set(days).size === days.length, 'Each day may appear only once.')
      .readonly(),
    /** How often the client refreshes while the user is active; 0 = it never refreshes. */
    refreshEverySeconds: z.number().int().min(0).max(86_400),
    /** The user's offset from UTC in minutes (e.g. 60); fixed, so daylight saving is not modelled. */
    utcOffsetMinutes: z.number().int().min(-840).max(840),
  })
  .strict();

/** A user's weekly rhythm and their client's refresh timer. */
export type ActivityPattern = z.infer<typeof activityPatternSchema>;

/** The limit that logs a user out. */
export type WhatIfCause =
  'access_token' | 'refresh_idle' | 'refresh_absolute' | 'session_idle' | 'session_max' | 'cookie';

/** One moment of the story `whatIf` tells. */
export interface WhatIfStep {
  readonly atMs: number;
  /** `refresh` stands for every refresh of one active period, `idle_gap` for the time away. */
  readonly kind: 'login' | 'refresh' | 'idle_gap' | 'logout';
  readonly note: string;
}

/** Where one limit stood when the simulation ended. */
export interface WhatIfLimit {
  readonly cause: WhatIfCause;
  readonly atMs: number;
}

/** When and why a user with a given rhythm is logged out. */
export interface WhatIfResult {
  /** The deadline that ended the session; null when still logged in at the horizon. */
  readonly loggedOutAtMs: number | null;
  readonly cause: WhatIfCause | null;
  readonly horizonMs: number;
  /** One sentence a support person can repeat. */
  readonly sentence: string;
  /** In time order: the login, one step per active period and gap, the logout (at most 200). */
  readonly steps: readonly WhatIfStep[];
  /** Every limit's deadline as of the logout (or the horizon), in the order that breaks ties. */
  readonly limits: readonly WhatIfLimit[];
}

/**
 * When several limits fall on the same moment, the first of these is named: the limit the policy
 * sets out to enforce, before one that merely coincides with it (an idle deadline capped at its
 * absolute limit, a cookie sized to the session, an access token that happens to expire then).
 */
const causesByPriority: readonly WhatIfCause[] = [
  'session_max',
  'refresh_absolute',
  'session_idle',
  'refresh_idle',
  'cookie',
  'access_token',
];

type Deadlines = Record<WhatIfCause, number>;

/** A continuous period of activity, `[startMs, endMs)`. */
interface Stretch {
  readonly startMs: number;
  readonly endMs: number;
}

/** The refreshes of one active period, summarised as one step. */
interface Run {
  readonly firstMs: number;
  lastMs: number;
  count: number;
}

/**
 * Plays a lifetime policy against a user's weekly rhythm for 90 days and says when, and by which
 * limit, the user is logged out. The pattern must satisfy `activityPatternSchema`.
 *
 * The model:
 * - The user logs in at `startMs`, even outside their active hours. Login issues an access token,
 *   starts the refresh token (idle and absolute limits), the session (idle limit and maximum) and
 *   sets the cookie. The cookie lasts `cookieMaxAgeSeconds` from login and is never renewed.
 * - Active periods start at `activeFrom` local time (UTC plus `utcOffsetMinutes`, fixed) on each of
 *   `days` and end at `activeTo`; periods that touch are one. Outside them nothing happens.
 * - When a period opens the client refreshes at once, as an app does when it is opened again; then
 *   every `refreshEverySeconds` (counted from the login when it falls inside a period). Each
 *   refresh issues a new access token and moves the refresh idle deadline to now + refresh idle
 *   (never past login + refresh absolute) and the session idle deadline to now + session idle
 *   (never past login + session maximum). With `refreshEverySeconds` 0 the client never refreshes.
 * - A refresh needs every limit to be unexpired; a deadline expires at its own moment, so a refresh
 *   exactly at a deadline fails, while one exactly at the access token's expiry is in time.
 * - The user is logged out at a deadline that passes, or has passed, while they are active: the
 *   cookie, a session or refresh token limit, or the access token when no refresh replaces it (it
 *   expires while active before the next refresh, or the client never refreshes). Since only
 *   activity moves deadlines, a session or refresh limit that passes while the user is away has
 *   ended the session too. The logout moment is the earliest such deadline, not the moment the
 *   user notices; ties go to the limit the policy means to enforce (session before refresh token
 *   before cookie before access token, maximum before idle).
 *
 * Simulates from event to event and skips ahead over refreshes that cannot fail, so a refresh every
 * second for 90 days costs no more than one every hour.
 */
export function whatIf(policy: Policy, pattern: ActivityPattern): WhatIfResult {
  const loginMs = pattern.startMs;
  const horizonMs = loginMs + whatIfHorizonSeconds * 1000;
  const refreshMs = pattern.refreshEverySeconds * 1000;
  const offset = pattern.utcOffsetMinutes;
  const at = (ms: number) => formatMoment(ms, offset);
  const findStretch = stretchFinder(pattern, horizonMs);

  const deadlines: Deadlines = {
    access_token: 0,
    refresh_idle: 0,
    refresh_absolute: loginMs + policy.refreshAbsoluteSeconds * 1000,
    session_idle: 0,
    session_max: loginMs + policy.sessionMaxSeconds * 1000,
    cookie: loginMs + policy.cookieMaxAgeSeconds * 1000,
  };
  const use = (nowMs: number): void => {
    deadlines.access_token = nowMs + policy.accessTokenSeconds * 1000;
    deadlines.refresh_idle = Math.min(
      nowMs + policy.refreshIdleSeconds * 1000,
      deadlines.refresh_absolute,
    );
    deadlines.session_idle = Math.min(
      nowMs + policy.sessionIdleSeconds * 1000,
      deadlines.session_max,
    );
  };
  use(loginMs);

  // When no refresh can fail on its own (only fixed deadlines can stop one), the state after a row
  // of refreshes depends only on the last, so the rows are skipped over.
  const seconds = pattern.refreshEverySeconds;
  const refreshesCannotFail =
    seconds > 0 &&
    seconds <= policy.accessTokenSeconds &&
    seconds < policy.refreshIdleSeconds &&
    seconds < policy.sessionIdleSeconds;

  const steps: WhatIfStep[] = [
    {
      atMs: loginMs,
      kind: 'login',
      note: `Logs in on ${at(loginMs)}; the cookie is set for ${formatDuration(policy.cookieMaxAgeSeconds)} and is not renewed.`,
    },
  ];
  let run: Run | null = null;
  const closeRun = (): void => {
    if (run === null) return;
    const note =
      run.count === 1
        ? `Refreshes once, on ${at(run.firstMs)}.`
        : `Refreshes ${run.count} times, every ${formatDuration(seconds)}, from ${at(run.firstMs)} to ${at(run.lastMs)}.`;
    steps.push({ atMs: run.firstMs, kind: 'refresh', note });
    run = null;
  };
  const addGap = (fromMs: number, untilMs: number | null): void => {
    const note =
      untilMs === null
        ? `Not active again within the ${formatDuration(whatIfHorizonSeconds)} looked at.`
        : `Inactive for ${formatDuration((untilMs - fromMs) / 1000)}, until ${at(untilMs)}.`;
    steps.push({ atMs: fromMs, kind: 'idle_gap', note });
  };

  let lastUseMs = loginMs;
  const firstStretch = findStretch(loginMs);
  // The period the user is in, or was last in; null until they first become active.
  let stretch = firstStretch !== null && firstStretch.startMs <= loginMs ? firstStretch : null;

  for (;;) {
    // The next moment the client acts: a refresh within this period, or the next period opening.
    let next: { atMs: number; opens: Stretch | null } | null = null;
    const leftMs = stretch?.endMs ?? loginMs;
    if (refreshMs > 0 && stretch !== null && lastUseMs + refreshMs < Math.min(leftMs, horizonMs)) {
      next = { atMs: lastUseMs + refreshMs, opens: null };
    } else {
      const following = findStretch(leftMs);
      if (following !== null && following.startMs < horizonMs) {
        next = { atMs: following.startMs, opens: following };
      }
    }

    const untilMs = next?.atMs ?? horizonMs;
    const accessMs = deadlines.access_token;
    const accessPassed =
      refreshMs === 0
        ? accessMs <= untilMs
        : stretch !== null && accessMs < untilMs && accessMs < stretch.endMs;
    const passed = earliestPassed(deadlines, untilMs, accessPassed);
    const leaving = next === null || next.opens !== null;

    if (passed !== null) {
      closeRun();
      if (leaving && leftMs < passed.atMs) addGap(leftMs, next?.atMs ?? null);
      const reason = explain(passed.cause, policy, pattern, lastUseMs, at);
      steps.push({ atMs: passed.atMs, kind: 'logout', note: `Logged out: ${reason}.` });
      return {
        loggedOutAtMs: passed.atMs,
        cause: passed.cause,
        horizonMs,
        sentence: `Logged out on ${at(passed.atMs)} (after ${formatDuration((passed.atMs - loginMs) / 1000)}): ${reason}.`,
        steps,
        limits: limitsOf(deadlines),
      };
    }
    if (next === null) {
      closeRun();
      if (leftMs < horizonMs) addGap(leftMs, null);
      return {
        loggedOutAtMs: null,
        cause: null,
        horizonMs,
        sentence: `Still logged in after ${formatDuration(whatIfHorizonSeconds)} (on ${at(horizonMs)}): no limit ends the session while the user keeps this rhythm.`,
        steps,
        limits: limitsOf(deadlines),
      };
    }

    if (next.opens !== null) {
      closeRun();
      addGap(leftMs, next.atMs);
      stretch = next.opens;
    }
    // A refreshing client has a period by now; the null test only tells the compiler so.
    if (refreshMs === 0 || stretch === null) continue;

    lastUseMs = next.atMs;
    use(lastUseMs);
    run ??= { firstMs: lastUseMs, lastMs: lastUseMs, count: 0 };
    run.count += 1;
    if (refreshesCannotFail) {
      const limitMs = Math.min(
        stretch.endMs,
        horizonMs,
        deadlines.cookie,
        deadlines.session_max,
        deadlines.refresh_absolute,
      );
      // Refreshes at lastUseMs + k·refreshMs before limitMs all succeed.
      const more = Math.ceil((limitMs - lastUseMs) / refreshMs) - 1;
      if (more > 0) {
        lastUseMs += more * refreshMs;
        use(lastUseMs);
        run.count += more;
      }
    }
    run.lastMs = lastUseMs;
  }
}

/**
 * The earliest deadline that has passed by `untilMs` (the access token only when `accessPassed`
 * says no refresh replaced it in time), ties going to the earlier cause in `causesByPriority`.
 */
function earliestPassed(
  deadlines: Deadlines,
  untilMs: number,
  accessPassed: boolean,
): WhatIfLimit | null {
  let found: WhatIfLimit | null = null;
  for (const cause of causesByPriority) {
    const atMs = deadlines[cause];
    const passed = cause === 'access_token' ? accessPassed : atMs <= untilMs;
    if (passed && (found === null || atMs < found.atMs)) found = { cause, atMs };
  }
  return found;
}

function limitsOf(deadlines: Deadlines): WhatIfLimit[] {
  return causesByPriority.map((cause) => ({ cause, atMs: deadlines[cause] }));
}

/** Why the user was logged out, as the end of a sentence. */
function explain(
  cause: WhatIfCause,
  policy: Policy,
  pattern: ActivityPattern,
  lastUseMs: number,
  at: (ms: number) => string,
): string {
  const since =
    lastUseMs === pattern.startMs
      ? `the login on ${at(lastUseMs)}`
      : `the last refresh on ${at(lastUseMs)}`;
  const sessionCouldLast = formatDuration(
    Math.min(policy.sessionMaxSeconds, policy.refreshAbsoluteSeconds),
  );
  switch (cause) {
    case 'access_token':
      return pattern.refreshEverySeconds === 0
        ? `the access token expired (lifetime ${formatDuration(policy.accessTokenSeconds)}) and the client never refreshes it`
        : `the access token expired (lifetime ${formatDuration(policy.accessTokenSeconds)}) while the user was active, because the client refreshes only every ${formatDuration(pattern.refreshEverySeconds)}`;
    case 'refresh_idle':
      return `the refresh token went unused for its idle limit of ${formatDuration(policy.refreshIdleSeconds)} after ${since}`;
    case 'refresh_absolute':
      return policy.sessionMaxSeconds > policy.refreshAbsoluteSeconds
        ? `the refresh token reached its absolute lifetime of ${formatDuration(policy.refreshAbsoluteSeconds)} although the session could have lasted ${formatDuration(policy.sessionMaxSeconds)}`
        : `the refresh token reached its absolute lifetime of ${formatDuration(policy.refreshAbsoluteSeconds)}`;
    case 'session_idle':
      return `the session was idle for its limit of ${formatDuration(policy.sessionIdleSeconds)} after ${since}`;
    case 'session_max':
      return `the session reached its maximum length of ${formatDuration(policy.sessionMaxSeconds)}`;
    case 'cookie':
      return `the cookie expired (max-age ${formatDuration(policy.cookieMaxAgeSeconds)}) although the session could have lasted ${sessionCouldLast}`;
  }
}

/**
 * Returns a function giving the active period that contains `ms` or comes next after it (null if
 * none starts within a week), with touching periods joined up to `horizonMs`.
 */
function stretchFinder(pattern: ActivityPattern, horizonMs: number) {
  const offsetMs = pattern.utcOffsetMinutes * minuteMs;
  const fromMinute = minuteOfDay(pattern.activeFrom);
  // A period may run past midnight; equal times mean the whole day.
  const lengthMinutes = (minuteOfDay(pattern.activeTo) - fromMinute + 1440) % 1440 || 1440;
  const days = new Set(pattern.days);

  // Local day numbers count from 1970-01-01, a Thursday.
  const isActive = (localDay: number) => days.has((((localDay + 4) % 7) + 7) % 7);
  const windowOn = (localDay: number): Stretch => {
    const startMs = localDay * dayMs - offsetMs + fromMinute * minuteMs;
    return { startMs, endMs: startMs + lengthMinutes * minuteMs };
  };

  return (ms: number): Stretch | null => {
    const today = Math.floor((ms + offsetMs) / dayMs);
    // Yesterday's period may still be running; a period a week from today is the latest next one.
    for (let day = today - 1; day <= today + 7; day += 1) {
      if (!isActive(day)) continue;
      const first = windowOn(day);
      if (first.endMs <= ms) continue;
      let endMs = first.endMs;
      for (let later = day + 1; endMs < horizonMs && isActive(later); later += 1) {
        const window = windowOn(later);
        if (window.startMs !== endMs) break;
        endMs = window.endMs;
      }
      return { startMs: first.startMs, endMs };
    }
    return null;
  };
}

function minuteOfDay(time: string): number {
  if (!clockTime.test(time))
    throw new RangeError(`Expected a time as HH:MM, got ${JSON.stringify(time)}.`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const weekdayNames = 'SunMonTueWedThuFriSat';
const monthNames = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * Writes a moment in the user's time zone, e.g. "Tue 24 Nov at 17:00" (seconds only when not
 * zero). Formatted by hand from the fixed offset so the result does not depend on the host's zone
 * or locale data.
 */
function formatMoment(ms: number, utcOffsetMinutes: number): string {
  const local = new Date(ms + utcOffsetMinutes * minuteMs);
  const weekday = weekdayNames.slice(local.getUTCDay() * 3, local.getUTCDay() * 3 + 3);
  const month = monthNames.slice(local.getUTCMonth() * 3, local.getUTCMonth() * 3 + 3);
  const parts = [local.getUTCHours(), local.getUTCMinutes()];
  if (local.getUTCSeconds() !== 0) parts.push(local.getUTCSeconds());
  const time = parts.map((part) => String(part).padStart(2, '0')).join(':');
  return `${weekday} ${local.getUTCDate()} ${month} at ${time}`;
}
