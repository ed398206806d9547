import { useEffect } from 'react';
import type { KioskBridge } from '../../shared/contract/client';

/**
 * What the preview host needs the page to pass on, since it has no `before-input-event`: every key
 * pressed (a badge reader types as a keyboard) goes to main's key stream. Under Electron main sees
 * keys first and the page sends none. In both hosts, main's word that staff reset the kiosk loads
 * the page afresh.
 */
export function useStaffHostInput(bridge: KioskBridge): void {
  useEffect(() => {
    const stopReload = bridge.on('kiosk.reload', () => window.location.reload());
    if (bridge.host !== 'preview') return stopReload;
    const forward = (event: KeyboardEvent): void => {
      if (event.repeat || event.key.length > 30) return;
      void bridge.request('input.key', { key: event.key, code: event.code.slice(0, 30), at: event.timeStamp });
    };
    document.addEventListener('keydown', forward, true);
    return () => {
      stopReload();
      document.removeEventListener('keydown', forward, true);
    };
  }, [bridge]);
}
