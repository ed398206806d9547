import type { CallTime } from '../../shared/contract/kiosk';

/**
 * Keeps a call's time from the renderer's reports of whether the visitor's media reaches the kiosk.
 * Time before media first flows is waiting, not loss; once it has flowed, every gap is a drop the
 * person is owed credit for. A later ledger replaces this with the server's own record.
 */
export class CallClock {
  private connectedMs = 0;
  private lostMs = 0;
  private connected = false;
  private everConnected = false;
  private since: number;

  constructor(private readonly now: () => number) {
    this.since = now();
  }

  report(connected: boolean): void {
    if (connected === this.connected) return;
    this.accrue();
    this.connected = connected;
    if (connected) this.everConnected = true;
  }

  /** The totals so far; the clock keeps running. */
  read(): CallTime {
    this.accrue();
    return { connectedSeconds: Math.floor(this.connectedMs / 1000), lostSeconds: Math.floor(this.lostMs / 1000) };
  }

  private accrue(): void {
    const now = this.now();
    const span = Math.max(0, now - this.since);
    if (this.connected) this.connectedMs += span;
    else if (this.everConnected) this.lostMs += span;
    this.since = now;
  }
}
