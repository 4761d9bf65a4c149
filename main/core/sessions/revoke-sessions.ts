import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Policy, SessionFilter } from '../../../shared/contract';
import {
  revokeAllConfirmationPhrase,
  type RevokeJobDto,
  type RevokeProgress,
} from '../../../shared/contract/revocation';
import type { Clock } from '../clock';
import type { ErrorLog } from '../dispatch';
import { TesseraError } from '../tessera-error';
import { quoteForMessage } from '../tokens/quote-for-message';
import { createActiveSessionQuery } from './active-session-query';
import { sessionEnderOf } from './end-sessions';
import { startRevokeJob, type RevokeJob } from './revoke-job';
import { createSessionRows } from './session-rows';
import type { IndexedCommit } from './indexed-commit';
import { yieldToEventLoop } from './yield-to-event-loop';

/** What the revoker needs. */
export interface SessionRevokerOptions {
  readonly db: Database.Database;
  /** The token service's `commit`: it must add committed revocations to the revocation index. */
  readonly commit: IndexedCommit;
  readonly clock: Clock;
  readonly policy: () => Policy;
  /** Where a background job's failure is reported (it is also recorded as a `failed` progress). */
  readonly logError: ErrorLog;
  /** Sessions ended per transaction by jobs and user revocations; 2,000 unless set (tests). */
  readonly chunkSize?: number;
}

/**
 * Ending a session rewrites pages of indexes keyed by random ids (the one-live-token-per-family
 * index, the revocations' key, the events' sid index): about 1.3 pages per session in a chunk of
 * 1,000 but 1.1 in a chunk of 2,000, as neighbours share pages. On a busy 2-vCPU VM, 1,000 ran
 * at ~14,000 sessions/s holding the event loop up to ~100 ms, 2,000 at ~20,000/s and ~140 ms
 * (bench/revoke.bench.ts): the rate the incident needs, for a pause a refresh barely notices.
 */
const defaultChunkSize = 2000;

/**
 * The operator's revocations: one session, one user's, every session a query matches, or all.
 * Sessions end through the shared {@link sessionEnderOf}, with exactly the rows, events and index
 * additions of `endSessionInTransaction` (refresh tokens revoked, a revocation row, a
 * `session.ended` event each), and every operation is audited by one `admin.action` event
 * committed with it. `by` names the operator as `role:name`.
 */
export function createSessionRevoker(options: SessionRevokerOptions) {
  const { db, commit, clock, policy } = options;
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  const ender = sessionEnderOf(db);
  const sessions = createSessionRows(db);
  const active = createActiveSessionQuery(db);
  const userSessions = db
    .prepare<[string, number]>(
      "SELECT sid FROM sessions WHERE user_id = ? AND status = 'active' LIMIT ?",
    )
    .pluck();
  const jobs = new Map<string, RevokeJob>();
  let closing = false;

  const end = (reason: 'revoked' | 'user_revoked', by: string) => ({
    reason,
    by,
    nowMs: clock.nowMs(),
    policy: policy(),
  });

  /**
   * Snapshots the matching sids, audits, and starts a job over exactly that snapshot: sessions
   * created while it runs are not revoked (the operator previewed a count, and a job that chased
   * new logins might never finish), while snapshotted ones are revoked even if they stopped
   * matching meanwhile (e.g. `endingWithinSeconds`), being what the operator was shown.
   */
  const startJob = async (
    action: 'revoke_query' | 'revoke_all',
    filter: SessionFilter,
    by: string,
    expectedCount: number | undefined,
  ): Promise<RevokeJobDto> => {
    const jobId = randomUUID();
    // Read between transactions (no write is ever half-done on this one connection), so a
    // refusal throws before anything reaches the group commit, which would otherwise run its
    // whole batch again.
    const sids = active.sids(filter, clock.nowMs());
    if (expectedCount !== undefined && sids.length !== expectedCount) {
      throw new TesseraError(
        'ERR_SESSIONS_PREVIEW_STALE',
        `The filter now matches ${sids.length} active sessions, not the ${expectedCount} ` +
          'previewed; nothing was revoked. Preview again.',
      );
    }
    await commit((effects) => {
      effects.emit('admin.action', {
        action,
        by,
        count: sids.length,
        detail: JSON.stringify(action === 'revoke_all' ? { jobId } : { jobId, filter }),
      });
      if (sids.length === 0) {
        effects.emit('sessions.revoke_progress', { jobId, done: 0, total: 0, state: 'done' });
      }
    });
    if (sids.length > 0) {
      const job = startRevokeJob(
        {
          commit,
          ender,
          clock,
          policy,
          chunkSize,
          closing: () => closing,
          logError: options.logError,
        },
        { jobId, sids, reason: 'revoked', by },
      );
      jobs.set(jobId, job);
      void job.finished.then(() => jobs.delete(jobId));
    }
    return { jobId, total: sids.length };
  };

  return {
    /** Ends one session. Resolves with whether it was active (false: it had already ended). */
    async revokeOne(sid: string, by: string): Promise<boolean> {
      // Checked before the transaction: a unit that throws makes the group commit run its whole
      // batch again. Sessions are only deleted long after they ended, so none can vanish between
      // this read and the transaction in a way that would change the answer.
      if (!sessions.get(sid)) {
        throw new TesseraError(
          'ERR_SESSION_NOT_FOUND',
          `There is no session ${quoteForMessage(sid)}.`,
        );
      }
      return commit((effects) => {
        const ended = ender.endWithLogouts([sid], end('revoked', by), effects) === 1;
        effects.emit('admin.action', {
          action: 'revoke_session',
          by,
          count: ended ? 1 : 0,
          detail: sid,
        });
        return ended;
      });
    },

    /**
     * Ends the sessions an operator chose, all in one transaction, with one audit event.
     * Unknown and already ended ones are skipped; resolves with how many were ended.
     */
    revokeSelected(sids: readonly string[], by: string): Promise<number> {
      return commit((effects) => {
        const ended = ender.endWithLogouts(sids, end('revoked', by), effects);
        effects.emit('admin.action', {
          action: 'revoke_selected',
          by,
          count: ended,
          detail: `${sids.length} chosen`,
        });
        return ended;
      });
    },

    /**
     * Ends every active session of a user, a chunk per transaction; the audit event goes with
     * the last chunk. Resolves with how many were ended.
     */
    async revokeUser(userId: string, by: string): Promise<number> {
      let revoked = 0;
      for (;;) {
        const chunk = await commit((effects) => {
          const sids = userSessions.all(userId, chunkSize) as string[];
          const ended = ender.endWithLogouts(sids, end('user_revoked', by), effects);
          const last = sids.length < chunkSize;
          if (last) {
            effects.emit('admin.action', {
              action: 'revoke_user',
              by,
              count: revoked + ended,
              detail: userId,
            });
          }
          return { ended, last };
        });
        revoked += chunk.ended;
        if (chunk.last) return revoked;
        await yieldToEventLoop();
      }
    },

    /** How many active sessions a query revocation with this filter would end now. */
    previewQuery(filter: SessionFilter): number {
      return active.count(filter, clock.nowMs());
    },

    /**
     * Starts revoking the active sessions the filter matches (see `startJob` for which ones).
     * With `expectedCount`, refuses (ERR_SESSIONS_PREVIEW_STALE, nothing revoked) unless the
     * filter still matches exactly that many, so an operator never revokes more than previewed.
     */
    startQuery(filter: SessionFilter, by: string, expectedCount?: number): Promise<RevokeJobDto> {
      return startJob('revoke_query', filter, by, expectedCount);
    },

    /** Starts revoking every active session; `confirmation` must be the exact phrase. */
    async revokeAll(confirmation: string, by: string): Promise<RevokeJobDto> {
      if (confirmation !== revokeAllConfirmationPhrase) {
        throw new TesseraError(
          'ERR_CONFIRMATION_REQUIRED',
          `To revoke every session, type "${revokeAllConfirmationPhrase}" exactly.`,
        );
      }
      return startJob('revoke_all', {}, by, undefined);
    },

    /**
     * Stops a running job after its current chunk and resolves with its final progress; the
     * sessions it already revoked stay revoked.
     */
    async cancelQuery(jobId: string, by: string): Promise<RevokeProgress> {
      const job = jobs.get(jobId);
      if (!job) {
        throw new TesseraError(
          'ERR_REVOKE_JOB_NOT_FOUND',
          `No revocation job ${quoteForMessage(jobId)} is running; it may have finished.`,
        );
      }
      return job.cancel(by);
    },

    /**
     * Stops every job before its next chunk, recording nothing more: call before closing the
     * store. Sessions not reached yet stay active; the log shows how far each job got.
     */
    close(): void {
      closing = true;
    },
  };
}

/** The session revoker. */
export type SessionRevoker = ReturnType<typeof createSessionRevoker>;
