import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { MediaHandshakeAuth } from '../../shared/protocol/media';
import { openLocalMedia, stopTracks } from './local-media';
import { VisitCall, type CallState, type ReceiveStats } from '../../shared/call/visit-call';

export interface KioskCall {
  state: CallState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  hangUp(): void;
  /** What has arrived from the visitor so far; undefined while nothing can arrive. */
  receiveStats(): Promise<ReceiveStats | undefined>;
  /** Inbound media grew within the last second while in the call. */
  mediaFlowing(): boolean;
  /** Milliseconds since inbound media last grew. */
  msSinceMediaArrived(): number;
}

/**
 * Runs the kiosk's side of one visit for as long as the component is mounted. Unmounting without a
 * hang-up (a reload, a screen change from main) leaves the room without ending the visit. A new
 * ticket from main (renewed through `renewTicket`) is used at the next reconnect; it does not start
 * a new call.
 */
export function useVisitCall(
  serverUrl: string,
  ticket: string,
  renewTicket: () => Promise<string | undefined>,
): KioskCall {
  const [state, setState] = useState<CallState>({ phase: 'connecting' });
  const [media, setMedia] = useState<{ call: VisitCall; localStream: MediaStream } | null>(null);

  const initialAuth = useEffectEvent((): MediaHandshakeAuth => ({ ticket }));
  const renewAuth = useEffectEvent(async (): Promise<MediaHandshakeAuth | undefined> => {
    const renewed = await renewTicket();
    return renewed === undefined ? undefined : { ticket: renewed };
  });

  useEffect(() => {
    let call: VisitCall | undefined;
    let stopped = false;
    void openLocalMedia().then((localStream) => {
      if (stopped) return stopTracks(localStream);
      call = new VisitCall({
        serverUrl,
        auth: initialAuth(),
        renewAuth: () => renewAuth(),
        localStream,
        hangUpReason: 'hung_up_by_inmate',
        onState: setState,
      });
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
  }, [serverUrl]);

  const call = media?.call;
  useEffect(() => call?.updateAuth({ ticket }), [call, ticket]);
  const hangUp = useCallback(() => void call?.hangUp(), [call]);
  const receiveStats = useCallback(async () => call?.receiveStats(), [call]);
  const mediaFlowing = useCallback(() => call?.mediaFlowing ?? false, [call]);
  const msSinceMediaArrived = useCallback(() => call?.msSinceMediaArrived ?? 0, [call]);
  return {
    state,
    localStream: media?.localStream ?? null,
    remoteStream: call?.remoteStream ?? null,
    hangUp,
    receiveStats,
    mediaFlowing,
    msSinceMediaArrived,
  };
}
