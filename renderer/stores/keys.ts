import { create } from 'zustand';
import type { CallResult, ContractError, KeysDto } from '../../shared/contract';
import { api } from './connection';

/** An admin action on a key, named so the view can say which one is running or failed. */
export type KeyAction = 'rotate' | 'retire' | 'revoke';

interface KeysSlice {
  readonly keys: KeysDto | null;
  readonly loadError: ContractError | null;
  /** The action waiting for the server; buttons are disabled meanwhile. */
  readonly pending: KeyAction | null;
  readonly actionError: ContractError | null;
  /** Loads the keys and reloads them whenever a key changes, until the returned function is called. */
  watch(): () => void;
  rotate(): Promise<boolean>;
  retire(kid: string): Promise<boolean>;
  revoke(kid: string): Promise<boolean>;
}

/** The signing keys and the JWKS as the keys view shows them. */
export const useKeys = create<KeysSlice>((set) => {
  const load = async (): Promise<void> => {
    const result = await api.call('keys.list', {});
    set(result.ok ? { keys: result.value, loadError: null } : { loadError: result.error });
  };

  /** Every key action answers with the whole new key list: nothing to reload afterwards. */
  const act = async (action: KeyAction, call: () => Promise<CallResult<KeysDto>>) => {
    set({ pending: action, actionError: null });
    const result = await call();
    set(
      result.ok
        ? { pending: null, keys: result.value, loadError: null }
        : { pending: null, actionError: result.error },
    );
    return result.ok;
  };
  return {
    keys: null,
    loadError: null,
    pending: null,
    actionError: null,
    watch() {
      void load();
      // Keys also change without this view: scheduled rotation, another admin's console.
      return api.subscribe({ types: ['key.rotated', 'key.retired', 'key.revoked'] }, () => {
        void load();
      });
    },
    rotate: () => act('rotate', () => api.call('keys.rotate', {})),
    retire: (kid) => act('retire', () => api.call('keys.retire', { kid })),
    revoke: (kid) => act('revoke', () => api.call('keys.revoke', { kid })),
  };
});
