import { z } from 'zod';

export const backoffPolicySchema = z.strictObject({
  baseMs: z.number().int().positive().default(1_000),
  capMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
});
export type BackoffPolicy = z.output<typeof backoffPolicySchema>;

/**
 * Exponential backoff with full jitter: a random wait below a ceiling that doubles per attempt, so
 * many kiosks coming back after a server outage spread out instead of arriving together.
 */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
