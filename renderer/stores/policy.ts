import { create } from 'zustand';
import type { ContractError, Policy, PolicyDto } from '../../shared/contract';
import type { Finding } from '../../shared/jwt';
import { activityPatternSchema, lintPolicy, whatIf, type WhatIfResult } from '../../shared/policy';
import {
  draftOf,
  readDraft,
  type PolicyDraft,
  type PolicyField,
  type ReadDraft,
} from '../../shared/policy/policy-draft';
import { parseDuration } from '../../shared/time/duration';
import { api } from './connection';
import { serverNowMs } from './demo';

/** A user's rhythm as the what-if form holds it: times as `HH:MM`, the refresh timer as typed. */
export interface PatternDraft {
  readonly activeFrom: string;
  readonly activeTo: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  readonly refreshEvery: string;
}

/** What the what-if says about the draft policy and pattern, or why it cannot say. */
export type WhatIfState =
  | { readonly state: 'none' }
  | { readonly state: 'invalid'; readonly message: string }
  | { readonly state: 'done'; readonly result: WhatIfResult };

/** Where the last save stands. */
export type SaveState =
  | { readonly state: 'idle' }
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly version: number }
  | { readonly state: 'failed'; readonly error: ContractError };

interface PolicySlice {
  readonly current: PolicyDto | null;
  readonly loadError: ContractError | null;
  readonly draft: PolicyDraft | null;
  /** The version the draft started from; another operator's save makes it older than `current`. */
  readonly draftBase: number | null;
  readonly read: ReadDraft | null;
  /** The last draft that read as a policy: what the findings and the what-if are about. */
  readonly judged: Policy | null;
  /** The lint of `judged`, so findings do not blink away while a field is half typed. */
  readonly findings: readonly Finding[];
  /** True when the findings are of an earlier draft than the one shown (which does not read). */
  readonly findingsStale: boolean;
  readonly dirty: boolean;
  readonly save: SaveState;
  readonly pattern: PatternDraft | null;
  readonly whatIf: WhatIfState;
  load(): Promise<void>;
  /** Reloads whenever any operator stores a policy; returns the unsubscribe. */
  watch(): () => void;
  edit(field: PolicyField, text: string): void;
  discard(): void;
  saveDraft(): Promise<void>;
  setPattern(pattern: PatternDraft): void;
}

/** The what-if form's names for the pattern's fields, to say which one is wrong. */
const patternLabels: Readonly<Record<string, string>> = {
  activeFrom: 'Active from',
  activeTo: 'Active until',
  days: 'Active days',
};

/** Plays a policy against a pattern draft, or says which field of the pattern is wrong. */
function simulate(policy: Policy | null, pattern: PatternDraft | null): WhatIfState {
  if (pattern === null || policy === null) return { state: 'none' };
  const refresh = parseDuration(pattern.refreshEvery);
  if (!refresh.ok) {
    return { state: 'invalid', message: `Client refreshes every: ${refresh.message}` };
  }
  const checked = activityPatternSchema.safeParse({
    startMs: Math.floor(serverNowMs() / 60_000) * 60_000,
    activeFrom: pattern.activeFrom,
    activeTo: pattern.activeTo,
    days: pattern.days,
    refreshEverySeconds: refresh.seconds,
    // The browser's offset now: a fixed offset is what the simulator models.
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const label = patternLabels[String(issue?.path[0])] ?? 'Pattern';
    return { state: 'invalid', message: `${label}: ${issue?.message}` };
  }
  return { state: 'done', result: whatIf(policy, checked.data) };
}

/** The policy editor and the what-if simulator. */
export const usePolicy = create<PolicySlice>((set, get) => {
  /** Reads, lints (in the renderer: instant, no round trip) and simulates a draft. */
  const showDraft = (draft: PolicyDraft, current: PolicyDto | null) => {
    const read = readDraft(draft);
    const judged = read.ok ? read.policy : get().judged;
    const baseline = current && draftOf(current.policy);
    return {
      draft,
      read,
      judged,
      findings: read.ok ? lintPolicy(read.policy) : get().findings,
      findingsStale: !read.ok,
      dirty:
        baseline !== null &&
        Object.entries(draft).some(([k, v]) => baseline[k as PolicyField] !== v),
      whatIf: simulate(judged, get().pattern),
    };
  };

  /** A fresh draft of the policy in force. */
  const startFrom = (current: PolicyDto) => ({
    current,
    draftBase: current.version,
    ...showDraft(draftOf(current.policy), current),
  });

  return {
    current: null,
    draftBase: null,
    loadError: null,
    draft: null,
    read: null,
    judged: null,
    findings: [],
    findingsStale: false,
    dirty: false,
    save: { state: 'idle' },
    pattern: null,
    whatIf: { state: 'none' },
    async load() {
      const result = await api.call('policy.get', {});
      if (!result.ok) return set({ loadError: result.error });
      const { draft, dirty } = get();
      // Coming back to the view, or another operator's save, keeps unsaved edits.
      set(
        draft !== null && dirty
          ? { loadError: null, current: result.value, ...showDraft(draft, result.value) }
          : { loadError: null, ...startFrom(result.value) },
      );
    },
    watch() {
      return api.subscribe({ types: ['policy.changed'] }, () => void get().load());
    },
    edit(field, text) {
      const { draft, current } = get();
      if (draft === null) return;
      set({ ...showDraft({ ...draft, [field]: text }, current), save: { state: 'idle' } });
    },
    discard() {
      const { current } = get();
      if (current === null) return;
      set({ ...startFrom(current), save: { state: 'idle' } });
    },
    async saveDraft() {
      const { read, current } = get();
      if (!read?.ok) return;
      set({ save: { state: 'saving' } });
      // Based on the version on screen: the operator replaces only a version they were shown
      // (the warning says so); one stored since, unseen, makes the server refuse the save.
      const result = await api.call('policy.set', {
        policy: read.policy,
        ...(current === null ? {} : { basedOnVersion: current.version }),
      });
      if (!result.ok) return set({ save: { state: 'failed', error: result.error } });
      set({ ...startFrom(result.value), save: { state: 'saved', version: result.value.version } });
    },
    setPattern(pattern) {
      set({ pattern, whatIf: simulate(get().judged, pattern) });
    },
  };
});
