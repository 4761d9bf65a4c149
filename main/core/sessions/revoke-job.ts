import type { Policy, SessionEndReason } from '../../../shared/contract';
import type { RevokeProgress } from '../../../shared/contract/revocation';
import type { Clock } from '../clock';
import type { ErrorLog } from '../dispatch';
import type { SessionEnder } from './end-sessions';
import type { IndexedCommit } from './indexed-commit';
import { yieldToEventLoop } from './yield-to-event-loop';

/** What a revocation job runs on. */
export interface RevokeJobDeps {
  readonly commit: IndexedCommit;
  readonly ender: SessionEnder;
  readonly clock: Clock;
  readonly policy: () => Policy;
  /** Sessions ended per transaction. */
  readonly chunkSize: number;
  /** True once the owner is closing: the job stops before its next chunk, recording nothing. */
  readonly closing: () => boolean;
  readonly logError: ErrorLog;
}

/** A revocation job in progress. */
export interface RevokeJob {
  readonly jobId: string;
  readonly total: number;
  /**
   * Asks the job to stop before its next chunk; what it revoked stays revoked. Resolves with its
   * final progress, `done` if the last chunk was already under way. Only the first operator to
   * ask is recorded.
   */
  cancel(by: string): Promise<RevokeProgress>;
  /** Resolves with the job's final progress once it has stopped; never rejects. */
  readonly finished: Promise<RevokeProgress>;
}

/**
 * Starts revoking `sids` in chunks, one transaction each, with a `sessions.revoke_progress`
 * event committed together with every chunk. Between chunks the job yields to the event loop,
 * so logins, refreshes and verifications queued meanwhile wait for at most one chunk.
 */
export function startRevokeJob(
  deps: RevokeJobDeps,
  spec: { jobId: string; sids: readonly string[]; reason: SessionEndReason; by: string },
): RevokeJob {
  const { commit, ender, clock, chunkSize } = deps;
  const { jobId, sids, reason, by } = spec;
  const total = sids.length;
  let cancelledBy: string | null = null;
  let progress: RevokeProgress = { jobId, done: 0, total, state: 'running' };

  const revokeChunks = async (): Promise<void> => {
    while (progress.done < total && cancelledBy === null && !deps.closing()) {
      const chunk = sids.slice(progress.done, progress.done + chunkSize);
      progress = await commit((effects) => {
        ender.endWithLogouts(
          chunk,
          { reason, by, nowMs: clock.nowMs(), policy: deps.policy() },
          effects,
        );
        const done = progress.done + chunk.length;
        const next: RevokeProgress = {
          jobId,
          done,
          total,
          state: done === total ? 'done' : 'running',
        };
        effects.emit('sessions.revoke_progress', next);
        return next;
      });
      await yieldToEventLoop();
    }
  };

  const recordCancel = (operator: string): Promise<RevokeProgress> =>
    commit((effects) => {
      // A cancel that came in while the last chunk was committing finds the job done: it is
      // still audited, as having spared nothing.
      const final: RevokeProgress =
        progress.state === 'done' ? progress : { ...progress, state: 'cancelled' };
      if (final.state === 'cancelled') effects.emit('sessions.revoke_progress', final);
      effects.emit('admin.action', {
        action: 'cancel_revoke',
        by: operator,
        count: total - final.done,
        detail: JSON.stringify({ jobId }),
      });
      return final;
    });

  const recordFailure = async (error: unknown): Promise<RevokeProgress> => {
    deps.logError(`Revocation job ${jobId} stopped after ${progress.done} of ${total}`, error);
    const failed: RevokeProgress = { ...progress, state: 'failed' };
    try {
      await commit((effects) => effects.emit('sessions.revoke_progress', failed));
    } catch (again) {
      deps.logError(`Could not record the failure of revocation job ${jobId}`, again);
    }
    return failed;
  };

  const run = async (): Promise<RevokeProgress> => {
    try {
      await revokeChunks();
      if (deps.closing()) return progress;
      return cancelledBy === null ? progress : await recordCancel(cancelledBy);
    } catch (error) {
      // Closing the store under a chunk in flight is expected; anything else is a fault.
      return deps.closing() ? progress : recordFailure(error);
    }
  };

  const finished = run();
  return {
    jobId,
    total,
    cancel(operator) {
      cancelledBy ??= operator;
      return finished;
    },
    finished,
  };
}
