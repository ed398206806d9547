import { useEffect, useState } from 'react';
import { openLocalMedia, stopTracks } from './local-media';

/** The camera and microphone while the component is mounted; stopped the moment it goes. */
export function useLocalMedia(): MediaStream | null {
  const [stream, setStream] = useState<MediaStream | null>(null);
  useEffect(() => {
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
  }, []);
  return stream;
}
