import type { ConnectionFigures } from './connection-grade';

/** The receiving side's running totals, as one getStats report of the receive transport gives them. */
export interface ReceiveTotals {
  /** When the report was read, in milliseconds on any steady clock. */
  at: number;
  /** Of the selected (nominated) candidate pair; null until ICE measured one. */
  roundTripSeconds: number | null;
  packetsReceived: number;
  packetsLost: number;
  /** Whether any video stream is received at all. */
  video: boolean;
  framesReceived: number;
  freezeCount: number;
  freezeSeconds: number;
}

/** The fields of the RTCStats entries read here; the DOM types give only the base. */
interface StatsEntry {
  type: string;
  kind?: string;
  nominated?: boolean;
  currentRoundTripTime?: number;
  packetsReceived?: number;
  packetsLost?: number;
  framesReceived?: number;
  framesDecoded?: number;
  freezeCount?: number;
  totalFreezesDuration?: number;
}

/** A getStats report as far as it is read here: anything with `forEach`, as RTCStatsReport has. */
export interface StatsReportLike {
  forEach(callback: (entry: StatsEntry) => void): void;
}

/**
 * Sums the report's inbound streams. Firefox gives no freeze statistics and older browsers no
 * `framesReceived`: the missing ones count as nothing, and frames decoded stand in for received.
 */
export function readTotals(report: StatsReportLike, at: number): ReceiveTotals {
  const totals: ReceiveTotals = {
    at,
    roundTripSeconds: null,
    packetsReceived: 0,
    packetsLost: 0,
    video: false,
    framesReceived: 0,
    freezeCount: 0,
    freezeSeconds: 0,
  };
  report.forEach((entry) => {
    if (entry.type === 'inbound-rtp') {
      totals.packetsReceived += entry.packetsReceived ?? 0;
      // Duplicates make packetsLost negative now and then: no gain to set against a loss.
      totals.packetsLost += Math.max(0, entry.packetsLost ?? 0);
      if (entry.kind === 'video') {
        totals.video = true;
        totals.framesReceived += entry.framesReceived ?? entry.framesDecoded ?? 0;
        totals.freezeCount += entry.freezeCount ?? 0;
        totals.freezeSeconds += entry.totalFreezesDuration ?? 0;
      }
    } else if (entry.type === 'candidate-pair' && entry.nominated === true) {
      if (entry.currentRoundTripTime !== undefined) totals.roundTripSeconds = entry.currentRoundTripTime;
    }
  });
  return totals;
}

/**
 * The figures of the window between two readings; undefined when they cannot be compared: no
 * time between them, or a total that went down (a rebuilt transport or consumer counts afresh).
 * `videoExpected` false: the other side sends no picture on purpose, so no frame rate is asked of it.
 */
export function figuresBetween(
  older: ReceiveTotals,
  newer: ReceiveTotals,
  videoExpected: boolean,
): ConnectionFigures | undefined {
  const seconds = (newer.at - older.at) / 1000;
  const counted = ['packetsReceived', 'packetsLost', 'framesReceived', 'freezeCount', 'freezeSeconds'] as const;
  if (seconds <= 0 || counted.some((field) => newer[field] < older[field])) return undefined;
  const received = newer.packetsReceived - older.packetsReceived;
  const lost = newer.packetsLost - older.packetsLost;
  const video = videoExpected && newer.video;
  return {
    seconds,
    roundTripSeconds: newer.roundTripSeconds,
    lossRatio: received + lost === 0 ? 0 : lost / (received + lost),
    framesPerSecond: video ? (newer.framesReceived - older.framesReceived) / seconds : null,
    freezes: video ? newer.freezeCount - older.freezeCount : 0,
    frozenRatio: video ? Math.min(1, (newer.freezeSeconds - older.freezeSeconds) / seconds) : 0,
  };
}
