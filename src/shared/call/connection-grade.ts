/**
 * How good the call's connection is, judged from what was measured on the receiving side over the
 * last few seconds. Pure, so the kiosk's call screen and the visitor page show the same grade for
 * the same figures, and so it is tested without a browser.
 */

export type ConnectionGrade = 'good' | 'fair' | 'poor';

/** What the indicator says: a grade from figures, or reconnecting while the transport says the link is down. */
export type ConnectionShown = ConnectionGrade | 'reconnecting';

/** Measured over one window of a few seconds (`connection-figures.ts` takes them from getStats). */
export interface ConnectionFigures {
  /** The window's length. */
  seconds: number;
  /** The selected candidate pair's latest round trip; null until ICE measured one. */
  roundTripSeconds: number | null;
  /** Packets lost of those sent to this side in the window, audio and video together, from 0 to 1. */
  lossRatio: number;
  /** Video frames received per second; null when no video is expected (none is sent, or the camera is off). */
  framesPerSecond: number | null;
  /** Freezes the receiver counted in the window (inbound-rtp freezeCount). */
  freezes: number;
  /** The share of the window the picture was frozen (inbound-rtp totalFreezesDuration), from 0 to 1. */
  frozenRatio: number;
}

/**
 * The worst figures each grade still allows; anything worse than `fair` is poor.
 * - Round trip: ITU-T G.114 keeps one way under 150 ms for a natural conversation (300 ms there
 *   and back); past 600 ms people talk over each other.
 * - Loss: Opus with in-band FEC hides about 2 %; past 8 % speech breaks up and the picture smears.
 * - Frames per second: 15 still reads faces and lips; under 8 the picture is a slideshow.
 * - Frozen (of a six-second window): one stutter of a third of a second, which Chromium counts
 *   now and then even on loopback, is no weak link; frozen a tenth of the time is a picture that
 *   keeps stopping, a quarter of it one that barely moves.
 */
export const gradeLimits = {
  good: { roundTripSeconds: 0.3, lossRatio: 0.02, framesPerSecond: 15, frozenRatio: 0.1 },
  fair: { roundTripSeconds: 0.6, lossRatio: 0.08, framesPerSecond: 8, frozenRatio: 0.25 },
} as const;

const rank: Record<ConnectionGrade, number> = { poor: 0, fair: 1, good: 2 };

/** Whether `a` is a better grade than `b`. */
export function isBetter(a: ConnectionGrade, b: ConnectionGrade): boolean {
  return rank[a] > rank[b];
}

/** The grade of one window's figures: the worst of what each figure alone allows. */
export function gradeFigures(figures: ConnectionFigures): ConnectionGrade {
  const within = (limit: (typeof gradeLimits)[keyof typeof gradeLimits]): boolean =>
    (figures.roundTripSeconds ?? 0) < limit.roundTripSeconds &&
    figures.lossRatio < limit.lossRatio &&
    (figures.framesPerSecond === null || figures.framesPerSecond >= limit.framesPerSecond) &&
    figures.frozenRatio < limit.frozenRatio;
  if (within(gradeLimits.good)) return 'good';
  return within(gradeLimits.fair) ? 'fair' : 'poor';
}

/**
 * Readings in a row at a better grade before the indicator rises to it. A drop shows at once (the
 * person should know why the picture smears now), a rise only once it has lasted: with readings
 * every two seconds, six seconds of better figures. Without it a link on the edge of two grades
 * would flick between them at every reading.
 */
export const riseAfterReadings = 3;

/** What the indicator shows now, and the readings in a row that were better than it. */
export interface SettledGrade {
  grade: ConnectionGrade;
  /** The worst of the better readings in a row so far (empty: the last reading was no better). */
  better: ConnectionGrade[];
}

/** The indicator's grade after one more reading; `previous` undefined: the first reading, shown as measured. */
export function settleGrade(previous: SettledGrade | undefined, measured: ConnectionGrade): SettledGrade {
  if (previous === undefined || !isBetter(measured, previous.grade)) return { grade: measured, better: [] };
  const better = [...previous.better, measured];
  if (better.length < riseAfterReadings) return { grade: previous.grade, better };
  const worstOfThem = better.reduce((worst, grade) => (isBetter(worst, grade) ? grade : worst));
  return { grade: worstOfThem, better: [] };
}

/**
 * The indicator of a call in `phase`: reconnecting comes from the transport's state (figures of a
 * link that is down say nothing); in the call, the settled grade once one was measured; otherwise
 * nothing to show.
 */
export function shownConnection(phase: string, grade: ConnectionGrade | null): ConnectionShown | null {
  if (phase === 'reconnecting') return 'reconnecting';
  return phase === 'in_call' ? grade : null;
}
