import { useCallback, useSyncExternalStore } from 'react';

/**
 * Milliseconds until `deadline`, in whole seconds rounded up, for a countdown. The clock is read at
 * every render, so a deadline given a moment ago starts at its full length (a timer's last tick
 * could be up to a second old, which showed "5:01" for a five-minute lock), and the next render is
 * timed to the moment the shown second changes.
 */
export function useTimeLeft(deadline: number): number {
  const subscribe = useCallback(
    (changed: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const schedule = (): void => {
        const left = deadline - Date.now();
        if (left <= 0) return;
        timer = setTimeout(
          () => {
            changed();
            schedule();
          },
          left % 1000 || 1000,
        );
      };
      schedule();
      return () => clearTimeout(timer);
    },
    [deadline],
  );
  return useSyncExternalStore(subscribe, () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) * 1000);
}
