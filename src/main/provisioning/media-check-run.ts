import {
  judgeMediaCheck,
  type MediaCheckFailure,
  type MediaCheckMeasurement,
  type MediaCheckResult,
} from '../../shared/contract/media-check';
import type { CheckStep } from '../../shared/contract/setup';
import type { Logger } from '../log/logger';
import type { MediaCheckRoom } from './media-check-room';

/** After the echo room closed, how long a report may still take before the check counts as lost. */
const checkReportGraceMs = 5000;

export interface MediaCheckRunDeps {
  /** Asks the server for this kiosk's echo room. */
  openRoom: () => Promise<MediaCheckRoom>;
  /** The server the renderer's test call connects to. */
  serverUrl: () => string | undefined;
  /** This machine's clock: the renderer counts down on the same one. */
  now: () => number;
  onChange: () => void;
  log: Logger;
}

/**
 * One network and media check at a time, first boot's or a technician's in service: main opens the
 * echo room, the renderer runs the test call with its ticket and reports what it measured, and main
 * judges it. A check whose report never comes (the renderer went away) fails as unreachable once
 * the room has closed, so it can be run again.
 */
export class MediaCheckRun {
  private check: CheckStep = { status: 'idle', result: null };
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: MediaCheckRunDeps) {}

  view(): CheckStep {
    return this.check;
  }

  /** Opens a check unless one is under way. */
  start(): void {
    const serverUrl = this.deps.serverUrl();
    if (this.check.status !== 'idle' || serverUrl === undefined) return;
    const opening: CheckStep = { status: 'opening' };
    this.set(opening);
    void this.deps.openRoom().then((room) => {
      if (this.check !== opening) return;
      if (!room.ok) return this.fail(room.reason);
      const { checkId, ticket, closesAt } = room;
      const running: CheckStep = { status: 'running', serverUrl, checkId, ticket, closesAt };
      this.set(running);
      const closesInMs = Math.max(0, Date.parse(closesAt) - this.deps.now());
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(() => {
        if (this.check === running) this.fail('unreachable');
      }, closesInMs + checkReportGraceMs);
    });
  }

  /** Main's judgement of the running check's report; undefined for a report of no running check. */
  report(measurement: MediaCheckMeasurement): MediaCheckResult | undefined {
    const { check } = this;
    if (check.status !== 'running' || check.checkId !== measurement.checkId) return undefined;
    clearTimeout(this.watchdog);
    const result = judgeMediaCheck(measurement, new Date(this.deps.now()).toISOString());
    this.deps.log.info({ ...result, measured: measurement }, 'media check judged');
    this.set({ status: 'idle', result });
    return result;
  }

  /** Forgets the last result (and any check under way, whose report is then ignored). */
  reset(): void {
    clearTimeout(this.watchdog);
    this.set({ status: 'idle', result: null });
  }

  private fail(failure: MediaCheckFailure): void {
    this.deps.log.warn({ failure }, 'media check failed');
    this.set({ status: 'idle', result: { ok: false, failure, checkedAt: new Date(this.deps.now()).toISOString() } });
  }

  private set(check: CheckStep): void {
    this.check = check;
    this.deps.onChange();
  }
}
