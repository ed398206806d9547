import type { ReceiveStats } from '../../shared/call/visit-call';

export type ConnectionQuality = 'good' | 'fair' | 'poor';

export interface ConnectionReading {
  /** Media from the visitor arrived since the last reading. */
  flowing: boolean;
  /** Null while nothing flows: there is no connection to rate. */
  quality: ConnectionQuality | null;
}

/** Loss and delay a conversation still bears; beyond them, speech breaks up or people talk over each other. */
const limits = {
  good: { lossRatio: 0.02, roundTripSeconds: 0.3 },
  fair: { lossRatio: 0.08, roundTripSeconds: 0.6 },
};

/** Rates the connection from two readings of the receive totals, taken a few seconds apart. */
export function rateConnection(
  previous: ReceiveStats | undefined,
  current: ReceiveStats | undefined,
): ConnectionReading {
  if (current === undefined) return { flowing: false, quality: null };
  const since = (field: 'packetsReceived' | 'packetsLost' | 'bytesReceived'): number => {
    const before = previous?.[field] ?? 0;
    // A rebuilt transport counts from zero again.
    return current[field] >= before ? current[field] - before : current[field];
  };
  if (since('bytesReceived') === 0) return { flowing: false, quality: null };
  const received = since('packetsReceived');
  const lost = since('packetsLost');
  const lossRatio = received + lost === 0 ? 0 : lost / (received + lost);
  const roundTrip = current.roundTripSeconds ?? 0;
  const within = (limit: { lossRatio: number; roundTripSeconds: number }): boolean =>
    lossRatio < limit.lossRatio && roundTrip < limit.roundTripSeconds;
  return { flowing: true, quality: within(limits.good) ? 'good' : within(limits.fair) ? 'fair' : 'poor' };
}
