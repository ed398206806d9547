import type { KioskScreen } from '../../shared/contract/kiosk';
import type { KioskMachine } from './kiosk-machine';

export interface IdleTiming {
  /** No touch for this long ends the session. */
  timeoutMs: number;
  /** The last part of `timeoutMs`, during which the screen asks "Are you still there?". */
  warningMs: number;
  /** How long the after-call screen stays before returning to the start. */
  summaryMs: number;
}

/**
 * Main's idle timer: a person who walks away is signed out and every trace of them leaves the
 * screen, whatever the renderer is doing. It starts over on every touch the renderer reports and on
 * every change of screen; during a call it never runs.
 */
export class IdleWatch {
  private timer: NodeJS.Timeout | undefined;
  private armedFor: KioskScreen | undefined;

  constructor(
    private readonly kiosk: KioskMachine,
    private readonly timing: IdleTiming,
  ) {}

  start(): () => void {
    this.arm();
    const unsubscribe = this.kiosk.subscribe((snapshot) => {
      if (snapshot.screen !== this.armedFor) this.arm();
    });
    return () => {
      unsubscribe();
      clearTimeout(this.timer);
    };
  }

  activity(): void {
    this.kiosk.stillHere();
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    const { screen } = this.kiosk.snapshot();
    this.armedFor = screen;
    const { timeoutMs, warningMs, summaryMs } = this.timing;
    switch (screen) {
      case 'call':
        return;
      // Nobody is signed in: only a chosen language or text size is left to reset, without a warning.
      case 'attract':
        return this.after(timeoutMs, () => this.kiosk.timeOut());
      case 'summary':
        return this.after(summaryMs, () => this.kiosk.timeOut());
      default:
        return this.after(timeoutMs - warningMs, () => {
          this.kiosk.warnIdle(new Date(Date.now() + warningMs));
          this.after(warningMs, () => this.kiosk.timeOut());
        });
    }
  }

  private after(ms: number, action: () => void): void {
    this.timer = setTimeout(action, ms);
    // A pending sign-out must never be what keeps main from exiting.
    this.timer.unref();
  }
}
