import type { z } from 'zod';

/** Describes a validation failure by location only: payloads may hold PINs and must not reach logs. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
}
