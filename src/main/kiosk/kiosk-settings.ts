import type { HandsetMode } from '../../shared/contract/devices';

/**
 * How long the kiosk waits on a person and when it warns them. The defaults live here and nowhere
 * else; the environment may override them (`runtime-config.ts`), and the screens learn them from main.
 */
export interface KioskSettings {
  /** No touch for this long signs the person out, on every screen but the call. */
  idleTimeoutSeconds: number;
  /** The after-call screen returns to the start by itself after this long. */
  summarySeconds: number;
  /** Seconds before a visit's end at which the person is warned, with a tone. */
  callWarningSeconds: readonly number[];
  /** The facility's handset rule; `none` without a hook source. */
  handset: HandsetMode;
  /** The handset put down mid-call hangs up after this long unless lifted again. */
  handsetHangUpSeconds: number;
}

export const defaultKioskSettings: KioskSettings = {
  idleTimeoutSeconds: 60,
  summarySeconds: 30,
  callWarningSeconds: [300, 60],
  handset: 'none',
  handsetHangUpSeconds: 10,
};

/** The last part of the idle time shows "Are you still there?"; half of a short timeout, so tests see it too. */
export function idleWarningSeconds(idleTimeoutSeconds: number): number {
  return Math.min(15, idleTimeoutSeconds / 2);
}
