import { z } from 'zod';

/**
 * Back-channel logout propagation as the console sees it (OpenID Connect Back-Channel Logout
 * 1.0): when a session ends, each participant with a `backchannel_logout_uri` gets one delivery
 * in a durable outbox, attempted until it is delivered or given up on.
 */

const text = (max: number) => z.string().min(1).max(max);

/** Where one delivery stands: waiting (first attempt or a retry), delivered, or given up on. */
export const deliveryStatuses = ['pending', 'delivered', 'dead'] as const;

/** A delivery's state. */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** What one attempt led to: delivered, another attempt later, or given up on. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

/** One client's deliveries, counted by state: the console's per-service health. */
export interface ClientDeliveriesDto {
  readonly clientId: string;
  /** Null when the client no longer exists but deliveries to it are still on record. */
  readonly name: string | null;
  /** Its back-channel logout URI now; null when it has none (any more). */
  readonly uri: string | null;
  readonly delivered: number;
  /** Pending after at least one failed attempt: backing off before the next one. */
  readonly retrying: number;
  /** Pending and not attempted yet. */
  readonly pending: number;
  /** Given up on: the relying party rejected the token, or every attempt failed. */
  readonly dead: number;
}

/** One delivery of a logout token to one relying party for one ended session. */
export interface DeliveryDto {
  readonly deliveryId: number;
  readonly sid: string;
  readonly userId: string;
  readonly clientId: string;
  readonly uri: string;
  readonly createdMs: number;
  readonly status: DeliveryStatus;
  /** Attempts whose outcome was recorded. */
  readonly attempts: number;
  /** When a pending delivery is (next) due; for a finished one, when its last attempt ended. */
  readonly nextAttemptMs: number;
  /** The HTTP status of the last answer; null when there was none (timeout, refused). */
  readonly lastStatus: number | null;
  /** Why the last attempt failed, as a sentence; null after a success. Never the token. */
  readonly lastError: string | null;
  /** When it was delivered or given up on; null while pending. */
  readonly finishedMs: number | null;
}

/** Input of `sync.deliveries`: the newest deliveries, every field narrowing. */
export const recentDeliveriesInputSchema = z
  .object({
    clientId: text(256).optional(),
    sid: text(128).optional(),
    status: z.enum(deliveryStatuses).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** A filter of recent deliveries. */
export type RecentDeliveriesFilter = z.input<typeof recentDeliveriesInputSchema>;

/** Input of `sync.sessionPropagation`. */
export const sessionPropagationInputSchema = z.object({ sid: text(128) }).strict();

/** How a client came to take part in a session. */
export type ParticipantSource = 'session' | 'reported';

/** One participant of a session and where its logout stands. */
export interface ParticipantPropagationDto {
  readonly clientId: string;
  /** Null when the client no longer exists. */
  readonly name: string | null;
  /** `session`: the client the user logged in to; `reported`: a service that reported the login. */
  readonly source: ParticipantSource;
  /** When the service reported the login; null for the session's own client. */
  readonly reportedMs: number | null;
  /** The client's back-channel logout URI now; null when it has none. */
  readonly backchannelLogoutUri: string | null;
  /** Its delivery; null when none was made (no URI, or the session has not ended). */
  readonly delivery: DeliveryDto | null;
}

/** Output of `sync.sessionPropagation`: one session's logout, participant by participant. */
export interface SessionPropagationDto {
  readonly sid: string;
  readonly userId: string;
  readonly status: 'active' | 'ended';
  readonly endedMs: number | null;
  readonly participants: readonly ParticipantPropagationDto[];
}

/** Input of `sync.loginReports`. */
export const recentLoginReportsInputSchema = z
  .object({ limit: z.number().int().min(1).max(500).default(100) })
  .strict();

/** A downstream service's report that a user's session reached it, newest first. */
export interface LoginReportDto {
  readonly sid: string;
  readonly clientId: string;
  /** Null when the client no longer exists. */
  readonly clientName: string | null;
  readonly reportedMs: number;
  readonly userId: string;
  /** The client the session was created for. */
  readonly sessionClientId: string;
  readonly sessionStatus: 'active' | 'ended';
}

/** Input of `sync.retry`: one delivery, or every unfinished delivery to one client. */
export const retryDeliveriesInputSchema = z.union([
  z.object({ deliveryId: z.number().int().positive() }).strict(),
  z.object({ clientId: text(256) }).strict(),
]);

/** Output of `sync.retry`. */
export interface RetryDeliveriesDto {
  /** Deliveries made due now (dead ones get a fresh set of attempts). */
  readonly requeued: number;
}
