import type { KioskSnapshot } from '../../shared/contract/kiosk';
import type { KioskStatus } from '../../shared/protocol/kiosk-status';

export type InmateError = NonNullable<KioskStatus['lastInmateError']>;

/**
 * The error a screen shows the person at the kiosk, as a code staff can read across a fleet; null
 * when the screen shows none. A wrong PIN counts: many of them at one kiosk is worth a look too.
 */
export function inmateFacingError(snapshot: KioskSnapshot): string | null {
  switch (snapshot.screen) {
    case 'signIn':
      return snapshot.failure === null ? null : `sign_in.${snapshot.failure.reason}`;
    case 'visits':
      return snapshot.notice === null ? null : `visits.${snapshot.notice.reason}`;
    case 'devicesUnavailable':
      return 'devices_unavailable';
    case 'summary':
      return snapshot.reason === 'failed' ? 'call.failed' : null;
    default:
      return null;
  }
}

/**
 * Remembers the last error shown to an inmate since this start. It is not stored: the heartbeat
 * carries it to the server at once (a change beats), and the server keeps the kiosk's last status.
 * A new error is one that appears; the same failure staying on screen is recorded once.
 */
export class LastInmateError {
  private last: InmateError | null = null;
  private showing: string | null = null;

  constructor(private readonly now: () => number) {}

  current(): InmateError | null {
    return this.last;
  }

  /** Feed every snapshot the renderer is given. */
  see(snapshot: KioskSnapshot): void {
    const code = inmateFacingError(snapshot);
    if (code !== null && code !== this.showing) this.last = { code, at: new Date(this.now()).toISOString() };
    this.showing = code;
  }
}
