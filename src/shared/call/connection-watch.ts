import { figuresBetween, readTotals, type ReceiveTotals, type StatsReportLike } from './connection-figures';
import {
  gradeFigures,
  settleGrade,
  type ConnectionFigures,
  type ConnectionGrade,
  type SettledGrade,
} from './connection-grade';

/** One reading of the connection: the grade the indicator shows, and the window's figures it came from. */
export interface ConnectionReading {
  grade: ConnectionGrade;
  /** What was measured: the grade of these alone may differ from `grade` while a rise settles. */
  measured: ConnectionGrade;
  figures: ConnectionFigures;
}

export interface ConnectionWatchOptions {
  /** The receive transport's getStats report; undefined while there is none (joining, rebuilding). */
  report: () => Promise<StatsReportLike | undefined>;
  /** Whether the other side sends a picture now (its camera may be off or failed). */
  videoExpected: () => boolean;
  /** Each new reading; null when there is nothing to judge (no receive transport). */
  onReading: (reading: ConnectionReading | null) => void;
  intervalMs?: number;
  /** How many intervals one window spans: longer is steadier, shorter quicker to tell. */
  windowIntervals?: number;
  now?: () => number;
}

/** Two seconds between readings, six-second windows: quick to tell a drop, steady enough to read. */
const defaultIntervalMs = 2000;
const defaultWindowIntervals = 3;

/**
 * Reads the receive statistics every couple of seconds and grades the last few seconds of them;
 * the page renders the readings. One read at a time, so a slow getStats never lets an older
 * reading overwrite a newer one.
 */
export class ConnectionWatch {
  readonly #options: ConnectionWatchOptions;
  #history: ReceiveTotals[] = [];
  #settled: SettledGrade | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reading = false;
  /** Bumped by `reset` and `stop`, so a read under way when they ran is dropped. */
  #epoch = 0;

  constructor(options: ConnectionWatchOptions) {
    this.#options = options;
  }

  get #windowIntervals(): number {
    return this.#options.windowIntervals ?? defaultWindowIntervals;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => void this.#read(), this.#options.intervalMs ?? defaultIntervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.reset();
  }

  /**
   * Forgets what was measured, for the page to call at every change of the call's phase: the
   * figures of a wait or of a link that was rebuilt say nothing of the call now.
   */
  reset(): void {
    this.#epoch += 1;
    this.#history = [];
    this.#settled = undefined;
  }

  async #read(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    const epoch = this.#epoch;
    try {
      const report = await this.#options.report();
      if (epoch !== this.#epoch) return;
      if (report === undefined) {
        this.reset();
        this.#options.onReading(null);
        return;
      }
      this.#take(readTotals(report, (this.#options.now ?? (() => performance.now()))()));
    } catch {
      // A transport closed while its statistics were read rejects; the next read takes the new one.
    } finally {
      this.#reading = false;
    }
  }

  #take(totals: ReceiveTotals): void {
    this.#history.push(totals);
    if (this.#history.length > this.#windowIntervals + 1) this.#history.shift();
    const oldest = this.#history[0];
    // Only whole windows: the first seconds of a call (the decoder starting, a first stutter) are
    // no figure of the link, and a shorter window would grade them alone.
    if (oldest === undefined || this.#history.length <= this.#windowIntervals) return;
    const figures = figuresBetween(oldest, totals, this.#options.videoExpected());
    if (figures === undefined) {
      this.#history = [totals];
      return;
    }
    const measured = gradeFigures(figures);
    this.#settled = settleGrade(this.#settled, measured);
    this.#options.onReading({ grade: this.#settled.grade, measured, figures });
  }
}
