import { z } from 'zod';
import type { EventPayload } from './events';
import { sessionFilterSchema } from './sessions';

/**
 * What an operator must type, exactly, to revoke every session: shown by the UI next to the
 * input so nobody ends everyone's sessions with a stray click.
 */
export const revokeAllConfirmationPhrase = 'revoke all sessions';

/** Input of `sessions.revoke`: one session. */
export const revokeSessionInputSchema = z.object({ sid: z.string().min(1).max(128) }).strict();

/** Input of `sessions.revokeSelected`: the sessions an operator ticked, ended together. */
export const revokeSelectedInputSchema = z
  .object({
    sids: z
      .array(z.string().min(1).max(128))
      .min(1)
      .max(500)
      .refine((sids) => new Set(sids).size === sids.length, { message: 'lists a session twice' }),
  })
  .strict();

/** Input of `sessions.revokeUser`: every active session of one user. */
export const revokeUserInputSchema = z.object({ userId: z.string().min(1).max(256) }).strict();

/** Input of `sessions.previewRevoke`: how many active sessions a query revocation would end. */
export const previewRevokeInputSchema = z.object({ filter: sessionFilterSchema }).strict();

/** Input of `sessions.revokeQuery`: revokes the active sessions the filter matches, in a job. */
export const revokeQueryInputSchema = z
  .object({
    filter: sessionFilterSchema,
    /**
     * The count the operator was shown by the preview: if the filter now matches a different
     * number, nothing is revoked (ERR_SESSIONS_PREVIEW_STALE) and they preview again.
     */
    expectedCount: z.number().int().nonnegative().optional(),
  })
  .strict();

/** Input of `sessions.revokeAll`: the confirmation phrase, checked by the core. */
export const revokeAllInputSchema = z.object({ confirmation: z.string().max(64) }).strict();

/** Input of `sessions.cancelRevoke`: stops a running revocation job after its current chunk. */
export const cancelRevokeInputSchema = z.object({ jobId: z.string().min(1).max(64) }).strict();

/** Output of `sessions.revoke`. */
export interface RevokeSessionDto {
  /** False when the session had already ended (nothing changed). */
  readonly wasActive: boolean;
}

/** Output of `sessions.revokeSelected`. */
export interface RevokeSelectedDto {
  /** How many of the sessions were active and are now ended (the others had already ended). */
  readonly revoked: number;
}

/** Output of `sessions.revokeUser`. */
export interface RevokeUserDto {
  /** How many active sessions were ended. */
  readonly revoked: number;
}

/** Output of `sessions.previewRevoke`. */
export interface RevokePreviewDto {
  /** Active sessions the filter matches now; pass it back as `expectedCount`. */
  readonly count: number;
}

/** Output of `sessions.revokeQuery` and `sessions.revokeAll`: the job now running. */
export interface RevokeJobDto {
  readonly jobId: string;
  /** Sessions the job will revoke: those that matched when it started. */
  readonly total: number;
}

/** Where a revocation job stands: the payload of `sessions.revoke_progress`. */
export type RevokeProgress = EventPayload<'sessions.revoke_progress'>;
