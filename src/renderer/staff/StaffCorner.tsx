import { useEffect, useRef } from 'react';

/** Long enough that no inmate's tap or swipe reaches it; short enough for an officer who knows. */
export const staffPressMs = 3000;

/**
 * The staff entry: a fixed corner of every screen that opens staff sign-in after a press held for
 * about three seconds. It draws nothing and is no button, so there is nothing for inmates to find;
 * a press that lifts, leaves or is cancelled early does nothing.
 */
export function StaffCorner({ onOpen }: { onOpen: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const release = (): void => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };
  useEffect(() => release, []);
  return (
    <div
      className="staff-corner"
      aria-hidden="true"
      data-testid="staff-corner"
      onPointerDown={(event) => {
        release();
        event.preventDefault();
        timer.current = setTimeout(() => {
          timer.current = undefined;
          onOpen();
        }, staffPressMs);
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onPointerLeave={release}
      onContextMenu={(event) => event.preventDefault()}
    />
  );
}
