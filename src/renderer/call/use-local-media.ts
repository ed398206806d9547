import { useEffect, useState } from 'react';
import { openLocalMedia, stopTracks } from './local-media';

/**
 * The camera and microphone while `wanted`, stopped the moment it is not. The kiosk wants them from
 * the pre-call check through the call, so the call takes over the stream the check opened: closing
 * a camera and opening it again restarts the device, and its first frames come late (the visitor
 * waits for the inmate's picture, and a camera shared with another page stalls for it).
 */
export function useLocalMedia(wanted: boolean): MediaStream | null {
  const [stream, setStream] = useState<MediaStream | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let opened: MediaStream | undefined;
    let stopped = false;
    void openLocalMedia().then((local) => {
      if (stopped) return stopTracks(local);
      opened = local;
      setStream(local);
    });
    return () => {
      stopped = true;
      if (opened !== undefined) stopTracks(opened);
      setStream(null);
    };
  }, [wanted]);
  return stream;
}
