import { useEffect, useState } from 'react';
import { rateConnection, type ConnectionReading } from './call-quality';
import type { ReceiveStats } from '../../shared/call/visit-call';

const readingIntervalMs = 2000;

/** Reads the call's receive totals every few seconds and rates what arrived in between. */
export function useConnectionReading(receiveStats: () => Promise<ReceiveStats | undefined>): ConnectionReading {
  const [reading, setReading] = useState<ConnectionReading>({ flowing: false, quality: null });
  useEffect(() => {
    let previous: ReceiveStats | undefined;
    let active = true;
    const timer = setInterval(() => {
      void receiveStats().then((current) => {
        if (!active) return;
        const next = rateConnection(previous, current);
        previous = current;
        setReading((shown) => (shown.flowing === next.flowing && shown.quality === next.quality ? shown : next));
      });
    }, readingIntervalMs);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [receiveStats]);
  return reading;
}
