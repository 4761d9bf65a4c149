import type { z } from 'zod';

/**
 * Turns schema issues into one sentence that names each offending field,
 * e.g. `token: too long (at most 65536 characters); key.kind: expected one of …`.
 */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
