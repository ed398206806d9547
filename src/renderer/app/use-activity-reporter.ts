import { useEffect, useRef } from 'react';
import type { KioskBridge } from '../../shared/contract/client';

/** Often enough to keep a person signed in, rarely enough not to flood main while they type a PIN. */
const reportIntervalMs = 5000;

/**
 * Tells main that someone is at the kiosk whenever the screen is touched. While main is warning
 * that it will sign them out, the touch is reported at once.
 */
export function useActivityReporter(bridge: KioskBridge, warned: boolean): void {
  const warnedRef = useRef(warned);
  useEffect(() => {
    warnedRef.current = warned;
  }, [warned]);

  useEffect(() => {
    let lastReport = Number.NEGATIVE_INFINITY;
    const report = (): void => {
      const now = Date.now();
      if (!warnedRef.current && now - lastReport < reportIntervalMs) return;
      lastReport = now;
      void bridge.request('kiosk.activity', {});
    };
    document.addEventListener('pointerdown', report, true);
    document.addEventListener('keydown', report, true);
    return () => {
      document.removeEventListener('pointerdown', report, true);
      document.removeEventListener('keydown', report, true);
    };
  }, [bridge]);
}
