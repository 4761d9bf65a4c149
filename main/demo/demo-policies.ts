import type { DemoScenario, Policy } from '../../shared/contract';

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * The demo's policy. One deliberate mistake, as in the incidents that motivated Tessera: the
 * session cookie lasts 5 minutes while the tokens last far longer, so the lint has something to
 * say. Sessions idle out after 8 hours, which a fast-forwarded clock reaches in seconds.
 */
export const demoPolicy: Policy = {
  accessTokenSeconds: 10 * minute,
  refreshIdleSeconds: 8 * hour,
  refreshAbsoluteSeconds: 7 * day,
  sessionIdleSeconds: 8 * hour,
  sessionMaxSeconds: 7 * day,
  cookieMaxAgeSeconds: 5 * minute,
  reuseGraceSeconds: 0,
  rotateRefreshTokens: true,
  keyRotationSeconds: day,
  signingAlg: 'ES256',
  historyRetentionSeconds: 30 * day,
  clientRefreshesPerSecond: 5_000,
  sessionRefreshesPerMinute: 30,
};

/**
 * "Misconfigured lifetimes": access tokens outlive the refresh token's idle window and the
 * session's idle timeout is short, so users are logged out while their tokens still verify.
 */
const misconfiguredPolicy: Policy = {
  ...demoPolicy,
  accessTokenSeconds: 2 * hour,
  refreshIdleSeconds: 30 * minute,
  sessionIdleSeconds: 30 * minute,
};

/** The scenario a policy in force belongs to: the demo resumes where it was left. */
export function scenarioOf(policy: Policy): DemoScenario {
  const misconfigured = (Object.keys(misconfiguredPolicy) as Array<keyof Policy>).every(
    (key) => policy[key] === misconfiguredPolicy[key],
  );
  return misconfigured ? 'misconfigured_lifetimes' : 'normal_day';
}

/** The policy each scenario runs under. */
export const scenarioPolicies: Readonly<Record<DemoScenario, Policy>> = {
  normal_day: demoPolicy,
  token_theft: demoPolicy,
  misconfigured_lifetimes: misconfiguredPolicy,
};

/**
 * The scenario a restart resumes: the one noted when it was chosen, as long as the policy in force
 * is still that scenario's (an operator may have changed it since); else the policy's own.
 */
export function resumedScenario(policy: Policy, noted: DemoScenario | null): DemoScenario {
  const inForce = scenarioOf(policy);
  return noted !== null && scenarioOf(scenarioPolicies[noted]) === inForce ? noted : inForce;
}
