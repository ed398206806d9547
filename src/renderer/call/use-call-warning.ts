import { useEffect } from 'react';
import type { CallWarning } from '../../shared/contract/kiosk';
import { minutesLeft } from './call-warnings';
import { playWarningTone } from '../../shared/audio/warning-tone';

/** How long a warning stays on screen; the time remaining stays visible after it goes. */
const shownForMs = 15_000;
/** A warning older than this when the renderer first sees it was given to an earlier renderer. */
const soundWithinMs = 3_000;

/** A warning on screen: the minutes left, and a key that is new for each warning. */
export interface ShownWarning {
  minutesLeft: number;
  key: string;
}

/**
 * Main's visit session gives each warning once; this shows the latest for a while with the minutes
 * left, and sounds the tone when it arrives. A renderer loaded after a warning was given (a reload
 * mid-call) shows what is left of its time on screen and stays silent.
 */
export function useCallWarning(warning: CallWarning | null, now: number): ShownWarning | null {
  const givenAt = warning === null ? null : Date.parse(warning.givenAt);
  useEffect(() => {
    if (givenAt !== null && Date.now() - givenAt < soundWithinMs) playWarningTone();
  }, [givenAt]);
  if (warning === null || givenAt === null || now - givenAt >= shownForMs) return null;
  return { minutesLeft: minutesLeft(warning.secondsLeft * 1000), key: warning.givenAt };
}
