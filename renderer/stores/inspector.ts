import { create } from 'zustand';
import type { ContractError, KeyMaterial, Policy, TokenInspection } from '../../shared/contract';
import { decodeJwt, type DecodeResult } from '../../shared/jwt';
import { api } from './connection';

/** Which kind of key material the operator is pasting. */
export type KeyKind = KeyMaterial['kind'];

/** The server's check of the pasted token against the pasted key. */
export type Verification =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  | { readonly state: 'done'; readonly inspection: TokenInspection }
  | { readonly state: 'failed'; readonly error: ContractError };

interface InspectorSlice {
  readonly tokenText: string;
  /** Decoded in the renderer at every keystroke: instant, and no network. */
  readonly decoded: DecodeResult | null;
  readonly keyKind: KeyKind;
  readonly keyText: string;
  readonly verification: Verification;
  /** The lifetime policy the plain-language verdict compares tokens with; null until read. */
  readonly policy: Policy | null;
  setToken(text: string): void;
  setKey(kind: KeyKind, text: string): void;
  loadPolicy(): Promise<void>;
}

const verifyDelayMs = 250;
let timer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

/** The token inspector's state. */
export const useInspector = create<InspectorSlice>((set, get) => {
  /**
   * Main checks what the renderer cannot: signatures (keys, issuer fetches) and, for our own
   * tokens, the server truth. Only the latest request's answer is kept.
   */
  const scheduleVerify = (): void => {
    clearTimeout(timer);
    const { decoded, keyKind, keyText, tokenText } = get();
    const mine = ++generation;
    if (!decoded?.ok) {
      set({ verification: { state: 'idle' } });
      return;
    }
    set({ verification: { state: 'checking' } });
    timer = setTimeout(async () => {
      const key: KeyMaterial | undefined =
        keyText.trim() === ''
          ? undefined
          : keyKind === 'issuer'
            ? { kind: 'issuer', url: keyText.trim() }
            : { kind: keyKind, value: keyText };
      const result = await api.call('tokens.inspect', { token: tokenText, key });
      if (mine !== generation) return;
      set({
        verification: result.ok
          ? { state: 'done', inspection: result.value }
          : { state: 'failed', error: result.error },
      });
    }, verifyDelayMs);
  };

  return {
    tokenText: '',
    decoded: null,
    keyKind: 'jwks',
    keyText: '',
    verification: { state: 'idle' },
    policy: null,
    setToken(text) {
      set({ tokenText: text, decoded: text.trim() === '' ? null : decodeJwt(text) });
      scheduleVerify();
    },
    setKey(kind, text) {
      set({ keyKind: kind, keyText: text });
      scheduleVerify();
    },
    async loadPolicy() {
      // Without it the verdict still speaks, only without the comparison with the policy.
      const result = await api.call('policy.get', {});
      if (result.ok) set({ policy: result.value.policy });
    },
  };
});
