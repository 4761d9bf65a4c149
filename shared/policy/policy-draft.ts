import type { z } from 'zod';
import { policySchema, type Policy } from '../contract/policy';
import { formatDurationExact, parseDuration } from '../time/duration';

/** A policy field, named as the contract names it. */
export type PolicyField = keyof Policy;

/** How a field is edited: a length of time, a whole number, a switch or a choice. */
export type PolicyFieldKind = 'duration' | 'count' | 'switch' | 'choice';

/** One field of the policy editor. */
export interface PolicyFieldSpec {
  readonly field: PolicyField;
  readonly label: string;
  readonly kind: PolicyFieldKind;
}

/** The editor's fields in the order people think about them: tokens, session, cookie, upkeep. */
export const policyFields: readonly PolicyFieldSpec[] = [
  { field: 'accessTokenSeconds', label: 'Access token lifetime', kind: 'duration' },
  { field: 'refreshIdleSeconds', label: 'Refresh token idle limit', kind: 'duration' },
  { field: 'refreshAbsoluteSeconds', label: 'Refresh token absolute lifetime', kind: 'duration' },
  { field: 'rotateRefreshTokens', label: 'Rotate refresh tokens on use', kind: 'switch' },
  { field: 'reuseGraceSeconds', label: 'Refresh reuse grace', kind: 'duration' },
  { field: 'sessionIdleSeconds', label: 'Session idle limit', kind: 'duration' },
  { field: 'sessionMaxSeconds', label: 'Session maximum', kind: 'duration' },
  { field: 'cookieMaxAgeSeconds', label: 'Cookie max-age', kind: 'duration' },
  { field: 'signingAlg', label: 'Signing algorithm', kind: 'choice' },
  { field: 'keyRotationSeconds', label: 'Key rotation every', kind: 'duration' },
  { field: 'historyRetentionSeconds', label: 'History kept for', kind: 'duration' },
  { field: 'clientRefreshesPerSecond', label: 'Refreshes per client per second', kind: 'count' },
  { field: 'sessionRefreshesPerMinute', label: 'Refreshes per session per minute', kind: 'count' },
];

/**
 * A policy as it is being edited: every field as typed, so a half-written "1 h 3" is kept as it
 * is rather than lost to a number. Switches and choices are text too ("true", "ES256").
 */
export type PolicyDraft = Readonly<Record<PolicyField, string>>;

/** What a draft says: a policy the contract accepts, or why each wrong field is wrong. */
export type ReadDraft =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<PolicyField, string>>> };

/** The draft that shows a policy: durations in human units, exact to the second. */
export function draftOf(policy: Policy): PolicyDraft {
  const entries = policyFields.map(({ field, kind }) => {
    const value = policy[field];
    return [field, kind === 'duration' ? formatDurationExact(Number(value)) : String(value)];
  });
  return Object.fromEntries(entries) as PolicyDraft;
}

/**
 * Reads a draft into a policy: units first (a field that cannot be read says so), then the
 * contract's own schema, whose message for each field (too short, too long) is passed on.
 */
export function readDraft(draft: PolicyDraft): ReadDraft {
  const errors: Partial<Record<PolicyField, string>> = {};
  const values: Record<string, unknown> = {};
  for (const { field, kind } of policyFields) {
    const text = draft[field];
    if (kind === 'duration') {
      const parsed = parseDuration(text);
      if (parsed.ok) values[field] = parsed.seconds;
      else errors[field] = parsed.message;
    } else if (kind === 'count') {
      if (/^\s*\d+\s*$/.test(text)) values[field] = Number(text);
      else errors[field] = 'Enter a whole number, e.g. 30.';
    } else {
      values[field] = kind === 'switch' ? text === 'true' : text;
    }
  }
  const checked = policySchema.safeParse(values);
  if (checked.success && Object.keys(errors).length === 0) {
    return { ok: true, policy: checked.data };
  }
  for (const issue of checked.error?.issues ?? []) {
    const field = issue.path[0] as PolicyField;
    // A field whose units could not be read already says why; the schema only saw it missing.
    errors[field] ??= schemaMessage(field, issue);
  }
  return { ok: false, errors };
}

/** The schema speaks in seconds; the editor in the units people typed. */
function schemaMessage(field: PolicyField, issue: z.core.$ZodIssue): string {
  const isDuration = policyFields.some((spec) => spec.field === field && spec.kind === 'duration');
  if (!isDuration) return issue.message;
  if (issue.code === 'too_small')
    return `Must be at least ${formatDurationExact(Number(issue.minimum))}.`;
  if (issue.code === 'too_big')
    return `Must be at most ${formatDurationExact(Number(issue.maximum))}.`;
  return issue.message;
}
