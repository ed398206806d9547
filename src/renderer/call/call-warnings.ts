/** What the warning says: whole minutes left, rounded up, never fewer than one. */
export function minutesLeft(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 60_000));
}
