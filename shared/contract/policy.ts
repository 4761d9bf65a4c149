import { z } from 'zod';

const seconds = (max: number) => z.number().int().min(0).max(max);
const day = 86_400;

/** The lifetime policy: every limit that decides when a user is logged out. Durations in seconds. */
export const policySchema = z
  .object({
    accessTokenSeconds: seconds(7 * day).min(60),
    refreshIdleSeconds: seconds(365 * day).min(60),
    refreshAbsoluteSeconds: seconds(365 * day).min(60),
    sessionIdleSeconds: seconds(365 * day).min(60),
    sessionMaxSeconds: seconds(365 * day).min(60),
    cookieMaxAgeSeconds: seconds(365 * day),
    /** How long the immediate predecessor of a refresh token may still be replayed (RFC 9700 grace). */
    reuseGraceSeconds: seconds(300),
    /** Whether refresh tokens rotate on use; false is allowed only so the lint can warn about it. */
    rotateRefreshTokens: z.boolean(),
    keyRotationSeconds: seconds(365 * day).min(60),
    signingAlg: z.enum(['ES256', 'EdDSA', 'RS256']),
    historyRetentionSeconds: seconds(3650 * day).min(day),
    /** Token bucket per client for the refresh grant: sustained rate (and burst) per second; 0: off. */
    clientRefreshesPerSecond: z.number().int().min(0).max(1_000_000),
    /** Token bucket per session for the refresh grant, per minute; 0: off. */
    sessionRefreshesPerMinute: z.number().int().min(0).max(100_000),
  })
  .strict();

/** The lifetime policy. */
export type Policy = z.infer<typeof policySchema>;

/** What a fresh install starts with: short access tokens, rotated refresh tokens, monthly keys. */
export const defaultPolicy: Policy = {
  accessTokenSeconds: 15 * 60,
  refreshIdleSeconds: 14 * day,
  refreshAbsoluteSeconds: 30 * day,
  sessionIdleSeconds: 14 * day,
  sessionMaxSeconds: 30 * day,
  cookieMaxAgeSeconds: 30 * day,
  reuseGraceSeconds: 0,
  rotateRefreshTokens: true,
  keyRotationSeconds: 30 * day,
  signingAlg: 'ES256',
  historyRetentionSeconds: 90 * day,
  clientRefreshesPerSecond: 5_000,
  sessionRefreshesPerMinute: 30,
};

/** The policy in force and where it came from. */
export interface PolicyDto {
  /** 0 for the built-in defaults (never changed). */
  readonly version: number;
  readonly policy: Policy;
  readonly changedMs: number | null;
  readonly changedBy: string | null;
}

/** Input of `policy.set`: the whole new policy (a partial one would hide what stays). */
export const setPolicyInputSchema = z
  .object({
    policy: policySchema,
    /**
     * The version the edit started from. When given, the call is refused if another version was
     * stored since, so one operator's save never silently replaces another's.
     */
    basedOnVersion: z.number().int().nonnegative().optional(),
  })
  .strict();

/** Input of `policy.lint`: the policy to check (the one in force, or a draft being edited). */
export const lintPolicyInputSchema = z.object({ policy: policySchema }).strict();
