/**
 * Which warning is due, if any: the most urgent threshold the remaining time has reached that is
 * more urgent than the last one given. A call that starts with three minutes left gets the
 * five-minute warning at once, and one that starts with thirty seconds left gets only the last.
 */
export function warningDue(
  remainingSeconds: number,
  warningSeconds: readonly number[],
  lastGiven: number | undefined,
): number | undefined {
  // Once the end has come, the end itself says so.
  if (remainingSeconds <= 0) return undefined;
  const reached = warningSeconds.filter(
    (threshold) => remainingSeconds <= threshold && (lastGiven === undefined || threshold < lastGiven),
  );
  return reached.length === 0 ? undefined : Math.min(...reached);
}

/** What the warning says: whole minutes left, rounded up, never fewer than one. */
export function minutesLeft(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 60_000));
}
