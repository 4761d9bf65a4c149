import type { Policy, PolicyDto } from '../../../shared/contract';
import type { Effects } from '../events/effects';
import type { PolicyRows } from './policy-rows';

/**
 * Stores a new policy version inside the caller's transaction and audits it with the old and
 * new values, so "who made access tokens last 24 h, and when" always has an answer.
 */
export function changePolicyInTransaction(
  rows: PolicyRows,
  input: { policy: Policy; by: string; nowMs: number },
  effects: Effects,
): PolicyDto {
  const previous = rows.current().policy;
  const version = rows.save(input.policy, input.by, input.nowMs);
  effects.emit('policy.changed', { version, previous, next: input.policy, by: input.by });
  return { version, policy: input.policy, changedMs: input.nowMs, changedBy: input.by };
}
