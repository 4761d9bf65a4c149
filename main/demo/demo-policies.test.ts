import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../shared/policy';
import { demoPolicy, scenarioOf, scenarioPolicies } from './demo-policies';

const findingIds = (policy: typeof demoPolicy) => lintPolicy(policy).map((finding) => finding.id);

describe('the demo policies', () => {
  it('has one deliberate mistake in its policy, and more under misconfigured lifetimes', () => {
    expect(findingIds(demoPolicy)).toEqual(['cookie_shorter_than_tokens']);
    expect(findingIds(scenarioPolicies.misconfigured_lifetimes)).toEqual(
      expect.arrayContaining(['cookie_shorter_than_tokens', 'access_over_refresh_idle']),
    );
  });

  it('resumes the scenario whose policy is in force', () => {
    expect(scenarioOf(demoPolicy)).toBe('normal_day');
    expect(scenarioOf({ ...scenarioPolicies.misconfigured_lifetimes })).toBe(
      'misconfigured_lifetimes',
    );
    expect(scenarioOf({ ...demoPolicy, accessTokenSeconds: 300 })).toBe('normal_day');
  });
});
