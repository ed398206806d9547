import type { Clock } from '../clock';

/** A clock that moves only when told, starting at the real now so SQLite rows look ordinary. */
export function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}
