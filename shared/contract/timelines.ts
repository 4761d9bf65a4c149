import { z } from 'zod';
import type { SessionEndReason, TesseraEvent } from './events';
import type { SessionDto } from './sessions';

/** Input of `sessions.get`. */
export const sessionDetailInputSchema = z.object({ sid: z.string().min(1).max(128) }).strict();

/** The spans the fleet timeline can cover, counted from now. */
export const fleetRanges = ['24h', '7d'] as const;

/** A span the fleet timeline covers. */
export type FleetRange = (typeof fleetRanges)[number];

/** Input of `sessions.fleetTimeline`. */
export const fleetTimelineInputSchema = z
  .object({ range: z.enum(fleetRanges).default('24h') })
  .strict();

/** A refresh token's state as stored. */
export type RefreshTokenStatus = 'active' | 'consumed' | 'revoked';

/** One refresh token of a family. Its generation is its id: token hashes never leave the core. */
export interface RefreshTokenNodeDto {
  readonly generation: number;
  readonly issuedMs: number;
  readonly idleExpiresMs: number;
  readonly absoluteExpiresMs: number;
  readonly status: RefreshTokenStatus;
  readonly consumedMs: number | null;
  /** This token was presented again after it had been consumed: where reuse was detected. */
  readonly reused: boolean;
}

/**
 * A stretch of a family's tree: tokens each issued in exchange for the one before, then the
 * stretches that fork from the last of them (empty unless one token had several successors).
 * A family is a chain thousands of tokens long (a 15-minute access token refreshed for 30 days
 * makes 2,880), so it is cut into stretches rather than nested a level per token: structured
 * clone gives up at about 1,500 levels and JSON at about 2,500.
 */
export interface RefreshBranchDto {
  readonly tokens: readonly RefreshTokenNodeDto[];
  readonly forks: readonly RefreshBranchDto[];
}

/** One refresh family of a session, as a tree from its first token. */
export interface RefreshFamilyDto {
  readonly familyId: string;
  readonly root: RefreshBranchDto;
}

/**
 * What a bar on a session's timeline stands for. Each ends the session when it runs out, except
 * `access_token`, which the client renews with its refresh token, and so ends the session only
 * when there is no live refresh token.
 */
export type TimelineBarKind =
  'access_token' | 'refresh_idle' | 'refresh_absolute' | 'session_idle' | 'session_max' | 'cookie';

/** One bar of a session's timeline, on the same time axis as the others. */
export interface TimelineBarDto {
  readonly kind: TimelineBarKind;
  readonly startMs: number;
  readonly endMs: number;
  /**
   * Derived rather than stored: the access token (Tessera keeps no access tokens) and the
   * cookie (set at login, never renewed), both computed with the policy in force now.
   */
  readonly approximate: boolean;
}

/** The limit that runs out first, and any that run out at the very same moment. */
export interface FirstToEndDto {
  readonly cause: TimelineBarKind;
  readonly atMs: number;
  readonly tiedWith: readonly TimelineBarKind[];
}

/** Why a user is (or was) logged out: every limit on one axis, and which one comes first. */
export interface SessionTimelineDto {
  readonly nowMs: number;
  readonly bars: readonly TimelineBarDto[];
  /** For an ended session, what would have ended it, judged from its state when it ended. */
  readonly firstToEnd: FirstToEndDto;
  /** What actually ended the session; null while it is active. */
  readonly ended: {
    readonly atMs: number | null;
    readonly reason: SessionEndReason | null;
    readonly by: string | null;
  } | null;
}

/** Output of `sessions.detail`. */
export interface SessionDetailDto {
  readonly session: SessionDto;
  readonly families: readonly RefreshFamilyDto[];
  readonly timeline: SessionTimelineDto;
  /** The session's most recent events (at most 200), newest first. */
  readonly events: readonly TesseraEvent[];
}

/** Why an active session will end: its idle or absolute deadline, or its cookie's expiry. */
export type FleetEndCause = 'idle' | 'absolute' | 'cookie';

/** Active sessions by what ends them. */
export interface FleetCountsDto {
  readonly idle: number;
  readonly absolute: number;
  readonly cookie: number;
}

/** Active sessions ending after `startMs` and at or before `endMs`. */
export interface FleetBucketDto extends FleetCountsDto {
  readonly startMs: number;
  readonly endMs: number;
}

/** Output of `sessions.fleetTimeline`: when the active sessions will end, and why. */
export interface FleetTimelineDto {
  readonly nowMs: number;
  readonly range: FleetRange;
  readonly bucketMs: number;
  /**
   * Consecutive from now, each open at its start and closed at its end, like
   * `endingWithinSeconds`: a deadline exactly at `endMs` is counted in that bucket.
   */
  readonly buckets: readonly FleetBucketDto[];
  /** Still active although their end has passed: they end at their next use. */
  readonly overdue: FleetCountsDto;
}

const maxEndingWindowMs = 8 * 86_400_000;

/**
 * Input of `sessions.ending`: the active sessions whose end (as the fleet timeline counts it)
 * falls in (afterMs, byMs]; one bar of the chart. The window is bounded (a week's chart is 7
 * days) so that one call reads a bounded slice of the indexes, never the whole table.
 */
export const endingSessionsInputSchema = z
  .object({
    afterMs: z.number().int().nonnegative(),
    byMs: z.number().int().positive(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict()
  .refine((input) => input.byMs > input.afterMs, {
    path: ['byMs'],
    message: 'must be later than afterMs',
  })
  .refine((input) => input.byMs - input.afterMs <= maxEndingWindowMs, {
    path: ['byMs'],
    message: 'the window may span 8 days at most',
  });

/** Output of `sessions.ending`: the first sessions to end in the window, and how many there are. */
export interface EndingSessionsDto {
  /** Soonest end first; at most `limit`. */
  readonly sessions: readonly SessionDto[];
  /** Every active session ending in the window: what the chart's bar counted. */
  readonly total: number;
}
