import { useEffect, useState } from 'react';
import { minutesLeft, warningDue } from './call-warnings';
import { playWarningTone } from './warning-tone';

/** How long a warning stays on screen; the time remaining stays visible after it goes. */
const shownForMs = 15_000;

interface Given {
  threshold: number;
  at: number;
  minutesLeft: number;
}

/**
 * Gives each of the visit's warnings once, with a tone, and returns the minutes left to show while
 * the latest one is on screen. Kept in the renderer for now: a reloaded renderer may warn again.
 */
export function useCallWarning(remainingMs: number, warningSeconds: readonly number[], now: number): number | null {
  const [given, setGiven] = useState<Given | null>(null);
  const due = warningDue(remainingMs / 1000, warningSeconds, given?.threshold);
  if (due !== undefined) setGiven({ threshold: due, at: now, minutesLeft: minutesLeft(remainingMs) });

  useEffect(() => {
    if (given !== null) playWarningTone();
  }, [given]);

  return given !== null && now - given.at < shownForMs ? given.minutesLeft : null;
}
