import type { CallEndReason } from '../../shared/contract/kiosk';
import type { Logger } from '../log/logger';
import type { Timer } from '../store/timer';
import type { VisitLedgerEntry, VisitLedgerInput } from '../store/visit-ledger';
import { LedgerAccumulator } from './ledger-accumulator';
import { startRefusal, type StartRefusal, type VisitWindow } from './visit-window';
import { WarningSchedule } from '../../shared/call/warning-schedule';

/**
 * `scheduled` until started; `starting` until media first flows both ways; `connected` and
 * `reconnecting` as it flows and stops; `ending` once the kiosk decided to end (its time is counted
 * no further) until the server confirms; `ended` with the reason.
 */
export type VisitPhase = 'scheduled' | 'starting' | 'connected' | 'reconnecting' | 'ending' | 'ended';

export interface VisitSessionState {
  visitId: string;
  phase: VisitPhase;
  /** The server's end time; it may move (`setEndsAt`). */
  endsAt: string;
  /** While reconnecting: why media stopped, the cause of the open drop. */
  cause: string | null;
  /** From `ending` on: why the visit ends. */
  reason: CallEndReason | null;
}

export interface VisitWarning {
  visitId: string;
  /** The threshold this warning is for, in seconds before the end. */
  secondsBefore: number;
  /** The time actually left when it was given, rounded up. */
  secondsLeft: number;
  endsAt: string;
}

export type VisitSessionEvent =
  { type: 'state'; state: VisitSessionState } | { type: 'warning'; warning: VisitWarning };

export type StartOutcome = { ok: true } | ({ ok: false } & StartRefusal);

export interface VisitSessionOptions {
  window: VisitWindow;
  /** Seconds before the end at which to warn, each once. */
  warningSeconds: readonly number[];
  /** Milliseconds since the epoch on the server's clock (`ServerClock.now`). */
  serverNow: () => number;
  /** A clock that never jumps (`performance.now`): every duration is measured on it. */
  monotonic: () => number;
  timer: Timer;
  /** Where the ledger is kept durably: the store's `VisitLedger`. */
  ledger: { save(entry: VisitLedgerInput): unknown };
  /** Queues a record for the server: the store's `Outbox.enqueue`. */
  enqueue: (type: 'visit.ledger', payload: VisitLedgerInput) => unknown;
  /** Every state change and warning, as it happens. */
  onEvent: (event: VisitSessionEvent) => void;
  log: Logger;
  /**
   * The ledger this visit already has on this kiosk (joined before, and the call failed or the kiosk
   * restarted): its totals and drops go on from there. The time between is in neither total.
   */
  earlier?: VisitLedgerEntry;
  /**
   * The kiosk restarted during this visit and goes back into it: the `lostMs` since its ledger
   * stopped at `stoppedAt` (the server's time) count as lost, and the session starts reconnecting.
   */
  resumed?: { lostMs: number; stoppedAt: string };
  /** How often a changing ledger is written; a crash loses at most this much. */
  persistIntervalMs?: number;
  /** How often the ledger so far is queued for the server while the visit goes on. */
  reportIntervalMs?: number;
  /** How long `ending` waits for the server's word before ending on the kiosk's own reason. */
  endingTimeoutMs?: number;
}

/** setTimeout's ceiling; a longer wait is re-armed by the ticks long before it matters. */
const maxTimerMs = 2 ** 31 - 1;

const activePhases: ReadonlySet<VisitPhase> = new Set(['starting', 'connected', 'reconnecting']);

/**
 * One visit in the main process: its state, its warnings, its end at the server's end time (with or
 * without a renderer) and its ledger of connected and disconnected seconds.
 *
 * Two clocks, neither the kiosk's wall clock: the server's (`serverNow`) decides the window, the
 * warnings and the end, and stamps drops; the monotonic one measures every duration. A kiosk wall
 * clock that is wrong or jumps changes nothing here.
 *
 * The ledger is written every `persistIntervalMs` while it changes and at every transition, queued
 * for the server every `reportIntervalMs` (`final: false`) and once at the end (`final: true`).
 */
export class VisitSession {
  readonly #options: VisitSessionOptions;
  #ledger: LedgerAccumulator;
  readonly #warnings: WarningSchedule;
  readonly #persistIntervalMs: number;
  readonly #reportIntervalMs: number;
  readonly #endingTimeoutMs: number;
  #phase: VisitPhase = 'scheduled';
  #reason: CallEndReason | null = null;
  #endsAt: string;
  #activated = false;
  #closed = false;
  #tick: unknown;
  #deadline: unknown;
  #endingTimeout: unknown;
  #lastSaved: string | undefined;
  #lastReported: string | undefined;
  #lastReportAt = 0;

  constructor(options: VisitSessionOptions) {
    this.#options = options;
    const { earlier, window } = options;
    if (earlier !== undefined && earlier.visitId !== window.visitId) throw new Error('the ledger is for another visit');
    this.#ledger = new LedgerAccumulator(window.visitId, earlier);
    this.#warnings = new WarningSchedule(options.warningSeconds);
    this.#endsAt = options.window.endsAt;
    this.#persistIntervalMs = options.persistIntervalMs ?? 1000;
    this.#reportIntervalMs = options.reportIntervalMs ?? 60_000;
    this.#endingTimeoutMs = options.endingTimeoutMs ?? 10_000;
  }

  get visitId(): string {
    return this.#options.window.visitId;
  }

  state(): VisitSessionState {
    return {
      visitId: this.visitId,
      phase: this.#phase,
      endsAt: this.#endsAt,
      cause: this.#phase === 'reconnecting' ? this.#ledger.openCause : null,
      reason: this.#reason,
    };
  }

  /** The ledger so far (final once ended). */
  ledger(): VisitLedgerInput {
    return this.#ledger.entry(this.#options.monotonic(), this.#phase === 'ended');
  }

  /** Refused before the window opens and from its end on, by the server's clock. Repeating it is harmless. */
  start(): StartOutcome {
    if (this.#closed || this.#phase === 'ending' || this.#phase === 'ended') return { ok: false, reason: 'visit_over' };
    if (this.#phase !== 'scheduled') return { ok: true };
    const refusal = startRefusal({ ...this.#options.window, endsAt: this.#endsAt }, this.#options.serverNow());
    if (refusal !== undefined) return { ok: false, ...refusal };
    const { resumed } = this.#options;
    const reconnecting =
      resumed !== undefined &&
      this.#ledger.resumeAfterAbsence(this.#options.monotonic(), resumed.lostMs, resumed.stoppedAt, 'kiosk_restarted');
    this.#set(reconnecting ? 'reconnecting' : 'starting');
    this.#activate();
    return { ok: true };
  }

  /**
   * Media flows both ways (the renderer's word); `startedMsAgo` is how long before this report it
   * began to (a return is confirmed some checks after its first packet, and counts from there).
   */
  mediaUp(startedMsAgo = 0): void {
    if (this.#closed || (this.#phase !== 'starting' && this.#phase !== 'reconnecting')) return;
    const ago = Math.max(0, startedMsAgo);
    this.#ledger.connect(this.#options.monotonic() - ago, new Date(this.#options.serverNow() - ago).toISOString());
    this.#set('connected');
    this.#persist();
  }

  /**
   * Media stopped flowing, and why; `stoppedMsAgo` is how long before this report it last arrived
   * (the drop starts there, not when the stall was noticed). A drop only once it had flowed: before
   * that the session stays `starting`. While reconnecting the drop keeps the cause it started with.
   */
  mediaDown(cause: string, stoppedMsAgo = 0): void {
    if (this.#closed || this.#phase !== 'connected') return;
    const ago = Math.max(0, stoppedMsAgo);
    this.#ledger.disconnect(
      this.#options.monotonic() - ago,
      new Date(this.#options.serverNow() - ago).toISOString(),
      cause,
    );
    this.#set('reconnecting');
    this.#persist();
  }

  /** The server's end time, which wins over the one the session started with. */
  setEndsAt(endsAt: string): void {
    if (this.#closed || endsAt === this.#endsAt || this.#phase === 'ending' || this.#phase === 'ended') return;
    this.#endsAt = endsAt;
    this.#warnings.rewind(this.#leftMs());
    this.#publishState();
    this.#checkDeadlines();
  }

  /**
   * The kiosk ends the visit (hang-up, failure, its end time). Time stops counting now, or
   * `endedMsAgo` before (when the hang-up went to the server); the session waits in `ending` for the
   * server's word (`ended`), at most `endingTimeoutMs`.
   */
  end(reason: CallEndReason, endedMsAgo = 0): void {
    if (this.#closed || !activePhases.has(this.#phase)) return;
    this.#stopClocks();
    const ago = Math.max(0, endedMsAgo);
    this.#ledger.stop(this.#options.monotonic() - ago, new Date(this.#options.serverNow() - ago).toISOString());
    this.#reason = reason;
    this.#set('ending');
    this.#persist();
    this.#endingTimeout = this.#options.timer.setTimeout(() => this.ended(reason), this.#endingTimeoutMs);
  }

  /**
   * The visit is over, with this reason: the server's (its answer to the kiosk's end, or its own
   * `visit.ended`), or the kiosk's own when the server could not be asked. The final ledger is queued
   * for the server first and only then marked final in the store, so a crash between the two sends it
   * again rather than never.
   */
  ended(reason: CallEndReason): void {
    if (this.#closed || this.#phase === 'ended') return;
    this.#stopClocks();
    this.#options.timer.clearTimeout(this.#endingTimeout);
    const monotonic = this.#options.monotonic();
    this.#ledger.stop(monotonic, this.#serverIso());
    this.#reason = reason;
    this.#set('ended');
    if (!this.#activated) return;
    const final = { ...this.#ledger.entry(monotonic, true), endReason: reason };
    try {
      this.#options.enqueue('visit.ledger', final);
      this.#options.ledger.save(final);
    } catch (error) {
      this.#options.log.error({ err: error, visitId: this.visitId }, 'could not record the visit’s final ledger');
    }
  }

  /**
   * The kiosk is shutting down mid-visit: the ledger so far is written and left unfinished, for the
   * next start to close and send (`finishInterruptedVisits`). The session does nothing more.
   */
  close(): void {
    if (this.#closed) return;
    this.#stopClocks();
    this.#options.timer.clearTimeout(this.#endingTimeout);
    if (this.#activated && this.#phase !== 'ended') this.#persist();
    this.#closed = true;
  }

  #activate(): void {
    this.#activated = true;
    this.#lastReportAt = this.#options.monotonic();
    // Written at once, so a crash from here on leaves an unfinished ledger for the next start to send.
    this.#persist();
    this.#armTick();
    this.#checkDeadlines();
  }

  #armTick(): void {
    this.#tick = this.#options.timer.setTimeout(() => {
      this.#persist();
      this.#reportIfDue();
      // Also catches a server clock corrected forwards, or a deadline timer that fired late.
      this.#checkDeadlines();
      if (activePhases.has(this.#phase)) this.#armTick();
    }, this.#persistIntervalMs);
  }

  #checkDeadlines(): void {
    if (!activePhases.has(this.#phase)) return;
    const leftMs = this.#leftMs();
    if (leftMs <= 0) {
      this.end('completed');
      return;
    }
    const due = this.#warnings.due(leftMs);
    if (due !== undefined) {
      this.#options.onEvent({
        type: 'warning',
        warning: {
          visitId: this.visitId,
          secondsBefore: due,
          secondsLeft: Math.ceil(leftMs / 1000),
          endsAt: this.#endsAt,
        },
      });
    }
    this.#options.timer.clearTimeout(this.#deadline);
    const wait = Math.min(leftMs, this.#warnings.nextInMs(leftMs) ?? Infinity);
    this.#deadline = this.#options.timer.setTimeout(() => this.#checkDeadlines(), Math.min(wait, maxTimerMs));
  }

  #leftMs(): number {
    return Date.parse(this.#endsAt) - this.#options.serverNow();
  }

  /** Writes the ledger if it changed since the last write; a failed write is tried again next tick. */
  #persist(): void {
    const entry = this.#ledger.entry(this.#options.monotonic(), false);
    const serialised = JSON.stringify(entry);
    if (serialised === this.#lastSaved) return;
    try {
      this.#options.ledger.save(entry);
      this.#lastSaved = serialised;
    } catch (error) {
      this.#options.log.warn({ err: error, visitId: this.visitId }, 'could not write the visit ledger');
    }
  }

  #reportIfDue(): void {
    const monotonic = this.#options.monotonic();
    if (monotonic - this.#lastReportAt < this.#reportIntervalMs) return;
    this.#lastReportAt = monotonic;
    const entry = this.#ledger.entry(monotonic, false);
    const serialised = JSON.stringify(entry);
    if (serialised === this.#lastReported) return;
    try {
      this.#options.enqueue('visit.ledger', entry);
      this.#lastReported = serialised;
    } catch (error) {
      this.#options.log.warn({ err: error, visitId: this.visitId }, 'could not queue the visit ledger');
    }
  }

  #stopClocks(): void {
    this.#options.timer.clearTimeout(this.#tick);
    this.#options.timer.clearTimeout(this.#deadline);
  }

  #serverIso(): string {
    return new Date(this.#options.serverNow()).toISOString();
  }

  #set(phase: VisitPhase): void {
    if (phase === this.#phase) return;
    this.#phase = phase;
    this.#publishState();
  }

  #publishState(): void {
    this.#options.onEvent({ type: 'state', state: this.state() });
  }
}
