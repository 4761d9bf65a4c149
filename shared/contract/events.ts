import { z } from 'zod';
import { event } from './define';
import type { Policy } from './policy';

/** Why a session ended. */
export type SessionEndReason =
  | 'revoked'
  | 'idle_timeout'
  | 'max_lifetime'
  | 'reuse_detected'
  | 'user_revoked'
  | 'key_revoked'
  | 'logout';

/** Why a refresh token was refused. */
export type RefreshRejection =
  'unknown' | 'wrong_client' | 'expired' | 'family_revoked' | 'session_ended' | 'reused';

/** Every live event and its payload. Ids only: never a token, a secret or a key. */
export const events = {
  /** Someone inspected a token: an audit trail of who looked at what (never the token itself). */
  'token.inspected': event<{
    readonly alg: string | null;
    readonly kid: string | null;
    readonly iss: string | null;
    readonly signature: 'valid' | 'invalid' | 'error' | 'unchecked';
    readonly by: string;
  }>(),
  'session.created': event<{
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    readonly familyId: string;
  }>(),
  'session.ended': event<{
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    readonly reason: SessionEndReason;
    readonly by: string;
  }>(),
  'token.refreshed': event<{
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    readonly familyId: string;
    readonly generation: number;
    /** True when the immediate predecessor was replayed within the grace window. */
    readonly graceReplay: boolean;
  }>(),
  'refresh.rejected': event<{
    readonly sid: string | null;
    readonly clientId: string;
    readonly familyId: string | null;
    readonly reason: RefreshRejection;
  }>(),
  'refresh.reuse_detected': event<{
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    readonly familyId: string;
    /** Position in the family of the token that was presented again. */
    readonly presentedGeneration: number;
    /** Position of the family's newest token when the reuse was caught. */
    readonly latestGeneration: number;
  }>(),
  'key.rotated': event<{
    readonly activeKid: string;
    readonly retiredKid: string | null;
    readonly nextKid: string;
    readonly alg: string;
    readonly by: string;
  }>(),
  'key.retired': event<{ readonly kid: string; readonly by: string }>(),
  'policy.changed': event<{
    readonly version: number;
    readonly previous: Policy;
    readonly next: Policy;
    readonly by: string;
  }>(),
  'key.revoked': event<{ readonly kid: string; readonly by: string }>(),
  /** One access token revoked by its jti (RFC 7009 at /revoke), at once. */
  'token.revoked': event<{
    readonly sid: string;
    readonly clientId: string;
    readonly jti: string;
    readonly by: string;
  }>(),
  /** A downstream service (the client) said user U logged in to it with session sid. */
  'sync.login_reported': event<{
    readonly sid: string;
    readonly userId: string;
    /** The reporting service. */
    readonly clientId: string;
    /** False when the service had already reported this session (the report is refreshed). */
    readonly first: boolean;
  }>(),
  /** Refreshes were refused for going over the policy's rate (at most one event a second per key). */
  'refresh.rate_limited': event<{
    readonly clientId: string;
    readonly sid: string | null;
    readonly scope: 'client' | 'session';
  }>(),
  /** A client was registered (or changed by the config file: `updated`). Never its secret. */
  'client.created': event<{
    readonly clientId: string;
    readonly kind: 'public' | 'confidential';
    readonly by: string;
    readonly updated: boolean;
  }>(),
  /** A local user was created (or changed by the config file: `updated`). Never the password. */
  'user.created': event<{
    readonly userId: string;
    readonly username: string;
    readonly by: string;
    readonly updated: boolean;
  }>(),
  /** A query or revoke-all job's progress: one per committed chunk, then its final state. */
  'sessions.revoke_progress': event<{
    readonly jobId: string;
    /** Sessions of the job's snapshot dealt with so far (revoked, or found already ended). */
    readonly done: number;
    readonly total: number;
    readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  }>(),
  /** An operator's action, for the audit trail: what, who, how many, and on what. */
  'admin.action': event<{
    readonly action:
      | 'revoke_session'
      | 'revoke_selected'
      | 'revoke_user'
      | 'revoke_query'
      | 'revoke_all'
      | 'cancel_revoke';
    readonly by: string;
    readonly count: number;
    /** The subject: a sid, a user id, or JSON naming a job and its filter. */
    readonly detail: string;
  }>(),
  /** One attempt to deliver a back-channel logout token to a relying party (never the token). */
  'sync.delivery_attempted': event<{
    readonly deliveryId: number;
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    /** 1 for the first attempt. */
    readonly attempt: number;
    /** The HTTP status; null when there was no answer (timeout, connection refused). */
    readonly status: number | null;
    readonly latencyMs: number;
    readonly outcome: 'delivered' | 'retry' | 'dead';
    /** Why it failed, as a short sentence; null on success. */
    readonly error: string | null;
  }>(),
  /** A delivery was given up on: rejected by the relying party, or out of attempts. */
  'sync.delivery_dead': event<{
    readonly deliveryId: number;
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    readonly attempts: number;
    readonly lastStatus: number | null;
    readonly error: string | null;
  }>(),
  /** Deliveries were made due again by hand: one delivery, or every unfinished one of a client. */
  'sync.retry_requested': event<{
    readonly deliveryId: number | null;
    readonly clientId: string | null;
    readonly count: number;
    readonly by: string;
  }>(),
} as const;

/** A live event's name. */
export type EventType = keyof typeof events;

/** A live event's payload type. */
export type EventPayload<K extends EventType> = NonNullable<(typeof events)[K]['payload']>;

/** One event as subscribers receive it. */
export type TesseraEvent = {
  [K in EventType]: {
    readonly seq: number;
    readonly type: K;
    readonly atMs: number;
    readonly payload: EventPayload<K>;
  };
}[EventType];

/** Which events a subscriber wants; every field narrows, absent fields match all. */
export const eventFilterSchema = z
  .object({
    types: z.array(z.string().max(64)).max(64).optional(),
    sid: z.string().min(1).max(128).optional(),
    userId: z.string().min(1).max(256).optional(),
    clientId: z.string().min(1).max(256).optional(),
  })
  .strict();

/** Input of `events.query`: history, newest first, paged by seq. */
export const queryEventsInputSchema = z
  .object({
    filter: eventFilterSchema.default({}),
    /** Only events older than this seq (the previous page's `nextBeforeSeq`). */
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** Output of `events.query`. */
export interface EventPage {
  readonly events: readonly TesseraEvent[];
  /** Pass as `beforeSeq` for older events; null when there are none. */
  readonly nextBeforeSeq: number | null;
}

/** A subscriber's filter. */
export type EventFilter = z.infer<typeof eventFilterSchema>;

/** A live subscription: a filter, and optionally where to resume (replay from the log, then live). */
export const subscriptionSchema = eventFilterSchema.extend({
  /** Replays every matching event after this seq before the live ones; absent: live only. */
  afterSeq: z.number().int().nonnegative().optional(),
});

/** A live subscription's options. */
export type Subscription = z.infer<typeof subscriptionSchema>;

/**
 * What a subscriber receives: events in order, never one message per event.
 * `dropped` counts events this subscriber missed because it fell behind (a gap marker, never a silent drop).
 */
export interface EventBatch {
  readonly events: readonly TesseraEvent[];
  readonly dropped: number;
}
