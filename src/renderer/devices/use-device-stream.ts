import { useEffect, useState } from 'react';

/**
 * A stream of one device, for the device chooser's preview or level meter only: opened while shown,
 * stopped when the device or the screen changes. Null while it opens, or when it could not be
 * opened (`failed` then says so).
 */
export function useDeviceStream(
  kind: 'video' | 'audio',
  deviceId: string | null,
): { stream: MediaStream | null; failed: boolean } {
  const [state, setState] = useState<{ stream: MediaStream | null; failed: boolean }>({ stream: null, failed: false });
  useEffect(() => {
    if (deviceId === null) return;
    let stopped = false;
    let opened: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ [kind]: { deviceId: { exact: deviceId } } })
      .then((stream) => {
        if (stopped) {
          for (const track of stream.getTracks()) track.stop();
          return;
        }
        opened = stream;
        setState({ stream, failed: false });
      })
      .catch((error: unknown) => {
        console.warn(`could not open the ${kind} device to test it`, error);
        if (!stopped) setState({ stream: null, failed: true });
      });
    return () => {
      stopped = true;
      for (const track of opened?.getTracks() ?? []) track.stop();
      setState({ stream: null, failed: false });
    };
  }, [kind, deviceId]);
  return state;
}
