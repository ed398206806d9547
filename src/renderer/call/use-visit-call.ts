import { useCallback, useEffect, useState } from 'react';
import type { MediaHandshakeAuth } from '../../shared/protocol/media';
import { openLocalMedia, stopTracks } from './local-media';
import { VisitCall, type CallState, type ReceiveStats } from './visit-call';

export interface KioskCall {
  state: CallState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  hangUp(): void;
  /** What has arrived from the visitor so far; undefined while nothing can arrive. */
  receiveStats(): Promise<ReceiveStats | undefined>;
}

/**
 * Runs the kiosk's side of one visit for as long as the component is mounted. Unmounting without a
 * hang-up (a reload, a screen change from main) leaves the room without ending the visit.
 */
export function useVisitCall(serverUrl: string, auth: MediaHandshakeAuth): KioskCall {
  const [state, setState] = useState<CallState>({ phase: 'connecting' });
  const [media, setMedia] = useState<{ call: VisitCall; localStream: MediaStream } | null>(null);

  useEffect(() => {
    let call: VisitCall | undefined;
    let stopped = false;
    void openLocalMedia().then((localStream) => {
      if (stopped) return stopTracks(localStream);
      call = new VisitCall({ serverUrl, auth, localStream, hangUpReason: 'hung_up_by_inmate', onState: setState });
      setMedia({ call, localStream });
      setState(call.state);
      call.start();
    });
    return () => {
      stopped = true;
      call?.close();
      setMedia((current) => {
        if (current !== null) stopTracks(current.localStream);
        return null;
      });
    };
    // The ticket is part of `auth`; a new ticket means a new call.
  }, [serverUrl, auth]);

  const call = media?.call;
  const hangUp = useCallback(() => void call?.hangUp(), [call]);
  const receiveStats = useCallback(async () => call?.receiveStats(), [call]);
  return {
    state,
    localStream: media?.localStream ?? null,
    remoteStream: call?.remoteStream ?? null,
    hangUp,
    receiveStats,
  };
}
