import { create } from 'zustand';
import type { ContractError, SessionDetailDto, SessionPropagationDto } from '../../shared/contract';
import { api } from './connection';

interface SessionDetailSlice {
  /** The session shown; answers for another one (the operator moved on) are dropped. */
  readonly sid: string | null;
  readonly detail: SessionDetailDto | null;
  readonly propagation: SessionPropagationDto | null;
  readonly loadError: ContractError | null;
  readonly revoking: boolean;
  readonly revokeError: ContractError | null;
  /** Shows a session and follows its events until the returned function is called. */
  watch(sid: string): () => void;
  revoke(): Promise<boolean>;
}

/** How long a burst of events is let settle before the session is read again. */
const settleMs = 150;

/** One session's detail and logout propagation, kept current by its live events. */
export const useSessionDetail = create<SessionDetailSlice>((set, get) => {
  const load = async (sid: string): Promise<void> => {
    const [detail, propagation] = await Promise.all([
      api.call('sessions.get', { sid }),
      api.call('sync.sessionPropagation', { sid }),
    ]);
    if (get().sid !== sid) return;
    const error = !detail.ok ? detail.error : !propagation.ok ? propagation.error : null;
    set({
      detail: detail.ok ? detail.value : get().detail,
      propagation: propagation.ok ? propagation.value : get().propagation,
      loadError: error,
    });
  };

  return {
    sid: null,
    detail: null,
    propagation: null,
    loadError: null,
    revoking: false,
    revokeError: null,
    watch(sid) {
      set({ sid, detail: null, propagation: null, loadError: null, revokeError: null });
      void load(sid);
      // Refreshes, revocation and each logout delivery all arrive as events about this sid.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stop = api.subscribe({ sid }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void load(sid), settleMs);
      });
      return () => {
        clearTimeout(timer);
        stop();
      };
    },
    async revoke() {
      const sid = get().sid;
      if (!sid) return false;
      set({ revoking: true, revokeError: null });
      const result = await api.call('sessions.revoke', { sid });
      set({ revoking: false, revokeError: result.ok ? null : result.error });
      if (result.ok) await load(sid);
      return result.ok;
    },
  };
});
