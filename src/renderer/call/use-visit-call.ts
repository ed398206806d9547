import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { MediaHandshakeAuth } from '../../shared/protocol/media';
import { VisitCall, type CallState } from '../../shared/call/visit-call';
import type { LocalMedia } from './use-local-media';

export interface KioskCall {
  state: CallState;
  remoteStream: MediaStream;
  hangUp(): void;
  /** The receive transport's statistics report; undefined while nothing can arrive. */
  receiveReport(): Promise<RTCStatsReport | undefined>;
  /** Inbound packets arrived within the last second while in the call (no grace for a new join). */
  mediaFlowing(): boolean;
  /** Milliseconds since inbound media last arrived. */
  msSinceMediaArrived(): number;
  /** Milliseconds since inbound media began to flow without a stall. */
  msSinceMediaFlowing(): number;
  /** Milliseconds since the hang-up was sent; undefined without one. */
  msSinceHangUp(): number | undefined;
}

/**
 * Runs the kiosk's side of one visit for as long as the component is mounted, from the moment the
 * first of the camera and microphone is open (`localMedia`, owned by the caller); a track that
 * opens later, or replaces one, is sent without renegotiating. Unmounting without a
 * hang-up (a reload, a screen change from main) leaves the room without ending the visit. A new
 * ticket from main (renewed through `renewTicket`) is used at the next reconnect; it does not start
 * a new call.
 */
export function useVisitCall(
  serverUrl: string,
  ticket: string,
  renewTicket: () => Promise<string | undefined>,
  localMedia: LocalMedia | null,
): KioskCall {
  const [state, setState] = useState<CallState>({ phase: 'connecting' });
  // The page's, so the remote picture is bound before the call exists and its first frame shows at once.
  const [remoteStream] = useState(() => new MediaStream());
  const call = useRef<VisitCall | null>(null);

  const initialAuth = useEffectEvent((): MediaHandshakeAuth => ({ ticket }));
  const renewAuth = useEffectEvent(async (): Promise<MediaHandshakeAuth | undefined> => {
    const renewed = await renewTicket();
    return renewed === undefined ? undefined : { ticket: renewed };
  });

  const localStream = localMedia !== null && localMedia.tracks.length > 0 ? localMedia.stream : null;
  useEffect(() => {
    if (localStream === null) return;
    const started = new VisitCall({
      serverUrl,
      auth: initialAuth(),
      renewAuth: () => renewAuth(),
      localStream,
      remoteStream,
      hangUpReason: 'hung_up_by_inmate',
      onState: setState,
    });
    call.current = started;
    started.start();
    return () => {
      call.current = null;
      started.close();
    };
  }, [serverUrl, localStream, remoteStream]);

  useEffect(() => call.current?.updateAuth({ ticket }), [ticket]);
  const tracks = localMedia?.tracks;
  useEffect(() => {
    for (const track of tracks ?? []) {
      call.current
        ?.setLocalTrack(track)
        .catch((error: unknown) => console.error('could not send a local track', error));
    }
  }, [tracks]);
  const hangUp = useCallback(() => void call.current?.hangUp(), []);
  const receiveReport = useCallback(async () => call.current?.receiveReport(), []);
  const mediaFlowing = useCallback(() => call.current?.mediaFlowing ?? false, []);
  const msSinceMediaArrived = useCallback(() => call.current?.msSinceMediaArrived ?? 0, []);
  const msSinceMediaFlowing = useCallback(() => call.current?.msSinceMediaFlowing ?? 0, []);
  const msSinceHangUp = useCallback(() => call.current?.msSinceHangUp, []);
  return {
    state,
    remoteStream,
    hangUp,
    receiveReport,
    mediaFlowing,
    msSinceMediaArrived,
    msSinceMediaFlowing,
    msSinceHangUp,
  };
}
