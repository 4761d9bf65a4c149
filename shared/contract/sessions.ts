import { z } from 'zod';
import type { SessionEndReason } from './events';

const text = (max: number) => z.string().min(1).max(max);

/**
 * Which sessions an operator means: every field narrows, absent fields match all. The same
 * filter lists sessions, previews a query revocation and runs it, so what was previewed is what
 * gets revoked.
 */
export const sessionFilterSchema = z
  .object({
    /** Exact user id. */
    userId: text(256).optional(),
    /** Exact client id. */
    clientId: text(256).optional(),
    /** Sessions whose user id OR client id starts with this text (case-sensitive prefix). */
    search: text(256).optional(),
    /** IP address prefix, e.g. `10.1.` or `2001:db8:`. */
    ipPrefix: text(64).optional(),
    status: z.enum(['active', 'ended']).optional(),
    /** Active sessions whose next deadline falls within this many seconds from now. */
    endingWithinSeconds: z
      .number()
      .int()
      .positive()
      .max(366 * 86_400)
      .optional(),
  })
  .strict();

/** A session filter. */
export type SessionFilter = z.infer<typeof sessionFilterSchema>;

/** Orders the session list can take; each has an index behind it. */
export const sessionSorts = ['created', 'lastSeen', 'nextDeadline'] as const;

/** Input of `sessions.list`. */
export const listSessionsInputSchema = z
  .object({
    filter: sessionFilterSchema.default({}),
    sort: z.enum(sessionSorts).default('created'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(500).default(100),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().max(512).optional(),
  })
  .strict();

/** Which limit ends a session first. */
export type DeadlineCause = 'idle' | 'absolute';

/** One session as the console lists it. */
export interface SessionDto {
  readonly sid: string;
  readonly userId: string;
  readonly clientId: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly createdMs: number;
  readonly lastSeenMs: number;
  readonly idleDeadlineMs: number;
  readonly absoluteDeadlineMs: number;
  /** The earlier of the two deadlines, and which one it is. */
  readonly nextDeadlineMs: number;
  readonly nextDeadlineCause: DeadlineCause;
  readonly status: 'active' | 'ended';
  readonly endedMs: number | null;
  readonly endReason: SessionEndReason | null;
  /** `system`, or the operator as `role:name`. */
  readonly endedBy: string | null;
}

/** Output of `sessions.list`. */
export interface SessionPage {
  readonly sessions: readonly SessionDto[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}
