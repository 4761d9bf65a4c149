import type { Policy, PolicyDto } from '../../../shared/contract';
import type { Effects } from '../events/effects';
import { TesseraError } from '../tessera-error';
import type { PolicyRows } from './policy-rows';

/**
 * Stores a new policy version inside the caller's transaction and audits it with the old and
 * new values, so "who made access tokens last 24 h, and when" always has an answer.
 */
export function changePolicyInTransaction(
  rows: PolicyRows,
  input: { policy: Policy; by: string; nowMs: number; basedOnVersion?: number },
  effects: Effects,
): PolicyDto {
  const current = rows.current();
  if (input.basedOnVersion !== undefined && input.basedOnVersion !== current.version) {
    throw new TesseraError(
      'ERR_POLICY_CONFLICT',
      `Version ${current.version} was stored by ${current.changedBy ?? 'someone'} after the version ${input.basedOnVersion} you edited: reload it and apply your changes again.`,
    );
  }
  const previous = current.policy;
  const version = rows.save(input.policy, input.by, input.nowMs);
  effects.emit('policy.changed', { version, previous, next: input.policy, by: input.by });
  return { version, policy: input.policy, changedMs: input.nowMs, changedBy: input.by };
}
