import { useEffect, useState } from 'react';
import type { MediaHandshakeAuth } from '../../shared/protocol/media';
import { VisitCall, type CallState } from './visit-call';

export interface KioskCall {
  state: CallState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  hangUp(): void;
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

  return {
    state,
    localStream: media?.localStream ?? null,
    remoteStream: media?.call.remoteStream ?? null,
    hangUp: () => void media?.call.hangUp(),
  };
}

/** The kiosk's camera and microphone; a missing device still lets the visit go on with what works. */
async function openLocalMedia(): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true },
      video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
    });
  } catch (error) {
    console.error('camera or microphone unavailable', error);
    return new MediaStream();
  }
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
