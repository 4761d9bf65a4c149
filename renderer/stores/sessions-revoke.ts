import { create } from 'zustand';
import type {
  CallResult,
  ContractError,
  RevokeJobDto,
  RevokeProgress,
  SessionFilter,
} from '../../shared/contract';
import { api } from './connection';
import { useSessions } from './sessions';

/**
 * Where the operator's current revocation stands. Query and revoke-all revocations are jobs:
 * preview (query only) → confirm → running with progress → finished; one-off revocations go
 * straight from `working` to `finished`.
 */
export type RevokeState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'working' }
  | { readonly phase: 'confirm'; readonly filter: SessionFilter; readonly count: number }
  | {
      readonly phase: 'running';
      readonly jobId: string;
      readonly done: number;
      readonly total: number;
    }
  | { readonly phase: 'finished'; readonly summary: string; readonly progress?: RevokeProgress }
  | { readonly phase: 'failed'; readonly error: ContractError };

interface RevokeSlice {
  readonly revoke: RevokeState;
  revokeSessions(sids: readonly string[]): Promise<void>;
  revokeUser(userId: string): Promise<void>;
  /** Asks how many active sessions the filter matches, then waits for `confirmQuery`. */
  previewQuery(filter: SessionFilter): Promise<void>;
  confirmQuery(): Promise<void>;
  revokeAll(confirmation: string): Promise<void>;
  cancelJob(): Promise<void>;
  /**
   * Back to idle when the operator closes a dialog or a result; a running job stays (its
   * progress shows until it ends, and it keeps running on the server either way).
   */
  dismiss(): void;
}

/** "1 session", "2,000 sessions". */
export const formatSessionCount = (count: number) =>
  `${count.toLocaleString()} session${count === 1 ? '' : 's'}`;

const jobSummary = (progress: RevokeProgress): string =>
  progress.state === 'done'
    ? `Revoked ${formatSessionCount(progress.total)}.`
    : progress.state === 'cancelled'
      ? `Cancelled: ${formatSessionCount(progress.done)} of ${progress.total.toLocaleString()} revoked.`
      : `The job failed after ${formatSessionCount(progress.done)} of ${progress.total.toLocaleString()}.`;

/** Admin revocations and the progress of their jobs. */
export const useSessionsRevoke = create<RevokeSlice>((set, get) => {
  const finish = (summary: string, progress?: RevokeProgress) => {
    set({ revoke: { phase: 'finished', summary, ...(progress && { progress }) } });
    useSessions.getState().reload();
  };

  /**
   * Subscribes before the job starts, since its first progress events can arrive before the
   * call's answer names the job: they are kept by job id until then.
   */
  const runJob = async (start: () => Promise<CallResult<RevokeJobDto>>): Promise<void> => {
    set({ revoke: { phase: 'working' } });
    const latest = new Map<string, RevokeProgress>();
    let jobId: string | null = null;
    const show = (progress: RevokeProgress) => {
      if (progress.state === 'running') {
        set({
          revoke: {
            phase: 'running',
            jobId: progress.jobId,
            done: progress.done,
            total: progress.total,
          },
        });
        return;
      }
      unsubscribe();
      finish(jobSummary(progress), progress);
    };
    const unsubscribe = api.subscribe({ types: ['sessions.revoke_progress'] }, (batch) => {
      for (const event of batch.events) {
        if (event.type !== 'sessions.revoke_progress') continue;
        latest.set(event.payload.jobId, event.payload);
        if (event.payload.jobId === jobId) show(event.payload);
      }
    });
    const result = await start();
    if (!result.ok) {
      unsubscribe();
      set({ revoke: { phase: 'failed', error: result.error } });
      return;
    }
    jobId = result.value.jobId;
    show(latest.get(jobId) ?? { jobId, done: 0, total: result.value.total, state: 'running' });
  };

  return {
    revoke: { phase: 'idle' },
    async revokeSessions(sids) {
      set({ revoke: { phase: 'working' } });
      let ended = 0;
      // The call takes 500 at a time; each chunk is one transaction, committed on its own.
      for (let start = 0; start < sids.length; start += 500) {
        const result = await api.call('sessions.revokeSelected', {
          sids: sids.slice(start, start + 500),
        });
        if (!result.ok) {
          // Earlier chunks are committed: the operator must know what did happen.
          const before = ended > 0 ? `${formatSessionCount(ended)} revoked before this: ` : '';
          const error = { ...result.error, message: `${before}${result.error.message}` };
          set({ revoke: { phase: 'failed', error } });
          useSessions.getState().reload();
          return;
        }
        ended += result.value.revoked;
      }
      finish(`Revoked ${formatSessionCount(ended)}.`);
    },
    async revokeUser(userId) {
      set({ revoke: { phase: 'working' } });
      const result = await api.call('sessions.revokeUser', { userId });
      if (!result.ok) set({ revoke: { phase: 'failed', error: result.error } });
      else finish(`Revoked ${formatSessionCount(result.value.revoked)} of ${userId}.`);
    },
    async previewQuery(filter) {
      set({ revoke: { phase: 'working' } });
      const result = await api.call('sessions.previewRevoke', { filter });
      set({
        revoke: result.ok
          ? { phase: 'confirm', filter, count: result.value.count }
          : { phase: 'failed', error: result.error },
      });
    },
    async confirmQuery() {
      const state = get().revoke;
      if (state.phase !== 'confirm') return;
      await runJob(() =>
        api.call('sessions.revokeQuery', { filter: state.filter, expectedCount: state.count }),
      );
    },
    async revokeAll(confirmation) {
      await runJob(() => api.call('sessions.revokeAll', { confirmation }));
    },
    async cancelJob() {
      const state = get().revoke;
      if (state.phase !== 'running') return;
      const result = await api.call('sessions.cancelRevoke', { jobId: state.jobId });
      // The final `cancelled` progress event ends the job's display; only a refusal shows here.
      if (!result.ok) set({ revoke: { phase: 'failed', error: result.error } });
    },
    dismiss() {
      if (get().revoke.phase !== 'running') set({ revoke: { phase: 'idle' } });
    },
  };
});
