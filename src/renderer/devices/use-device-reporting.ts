import { useEffect } from 'react';
import type { KioskBridge } from '../../shared/contract/client';
import { listMediaDevices } from './media-inventory';

/**
 * Tells main what media devices the page sees, at start and after every `devicechange`, one report
 * at a time (a burst of changes sends the latest list, not every one in between).
 */
export function useDeviceReporting(bridge: KioskBridge): void {
  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    const report = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const devices = await listMediaDevices().catch((error: unknown) => {
            console.error('could not list media devices', error);
            return [];
          });
          if (!stopped) await bridge.request('devices.inventory', { devices });
        } while (again && !stopped);
      } finally {
        running = false;
      }
    };
    const onChange = (): void => void report();
    // A page outside a secure context (http under a name other than localhost) has no media devices:
    // it reports an empty list, which main reads as no camera, rather than failing to draw at all.
    const media = navigator.mediaDevices as MediaDevices | undefined;
    media?.addEventListener('devicechange', onChange);
    void report();
    return () => {
      stopped = true;
      media?.removeEventListener('devicechange', onChange);
    };
  }, [bridge]);
}
