import { useEffect, useState } from 'react';
import { CallSession, type CallSessionOptions, type CallState } from './call-session';

/**
 * Runs one call for as long as the component is mounted. Unmounting without a hang-up (a reload, a
 * screen change from main) leaves the room without ending the visit.
 */
export function useCallSession(options: CallSessionOptions): { state: CallState; session: CallSession } {
  const [session] = useState(() => new CallSession(options));
  const [state, setState] = useState(session.state);
  useEffect(() => {
    const unsubscribe = session.subscribe(setState);
    void session.start();
    return () => {
      unsubscribe();
      session.leave();
    };
  }, [session]);
  return { state, session };
}
