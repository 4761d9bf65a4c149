import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../shared/policy';
import { demoPolicy, resumedScenario, scenarioOf, scenarioPolicies } from './demo-policies';

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

  it('resumes the scenario noted, unless the policy in force has changed since', () => {
    const misconfigured = scenarioPolicies.misconfigured_lifetimes;
    expect(resumedScenario(demoPolicy, 'token_theft')).toBe('token_theft');
    expect(resumedScenario(demoPolicy, null)).toBe('normal_day');
    expect(resumedScenario(misconfigured, 'misconfigured_lifetimes')).toBe(
      'misconfigured_lifetimes',
    );
    expect(resumedScenario(misconfigured, 'token_theft')).toBe('misconfigured_lifetimes');
    expect(resumedScenario(demoPolicy, 'misconfigured_lifetimes')).toBe('normal_day');
  });
});
