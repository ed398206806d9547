import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { StatsReportLike } from '../../shared/call/connection-figures';
import { shownConnection, type ConnectionGrade, type ConnectionShown } from '../../shared/call/connection-grade';
import { ConnectionWatch } from '../../shared/call/connection-watch';

/**
 * The connection indicator of the call in `phase`, graded from the receive statistics every couple
 * of seconds while the call is up; null while there is nothing to show yet.
 */
export function useConnectionReading(
  report: () => Promise<StatsReportLike | undefined>,
  phase: string,
  videoExpected: boolean,
): ConnectionShown | null {
  // Each grade with the phase it was measured in: one from before a reconnect is not shown after it.
  const [graded, setGraded] = useState<{ phase: string; grade: ConnectionGrade } | null>(null);
  const expected = useEffectEvent(() => videoExpected);
  const currentPhase = useEffectEvent(() => phase);
  const watch = useRef<ConnectionWatch | null>(null);
  useEffect(() => {
    const started = new ConnectionWatch({
      report,
      videoExpected: () => expected(),
      onReading: (reading) => setGraded(reading === null ? null : { phase: currentPhase(), grade: reading.grade }),
    });
    watch.current = started;
    started.start();
    return () => started.stop();
  }, [report]);
  // A reconnect, a wait for the other side: the figures from before say nothing of what comes next.
  useEffect(() => watch.current?.reset(), [phase]);
  return shownConnection(phase, graded?.phase === phase ? graded.grade : null);
}
