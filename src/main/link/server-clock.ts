/**
 * The server's time as this kiosk best knows it. Each heartbeat gives a sample; the one with the
 * shortest round trip is the most precise, and from it time runs on the monotonic clock, so a
 * kiosk wall clock that is wrong or jumps changes nothing once the first sample arrived.
 */
export class ServerClock {
  private best: { serverMs: number; monotonicMs: number; roundTripMs: number; takenAtMs: number } | undefined;

  constructor(
    private readonly monotonic: () => number = () => performance.now(),
    private readonly wall: () => number = Date.now,
    /** A sample this old is replaced even by a slower one, so drift cannot accumulate. */
    private readonly sampleLifetimeMs = 10 * 60_000,
  ) {}

  /** Records a heartbeat: sent at `sentAtMonotonic`, answered with `serverTime` now. */
  sample(sentAtMonotonic: number, serverTime: string): void {
    const receivedAt = this.monotonic();
    const roundTripMs = receivedAt - sentAtMonotonic;
    const serverMs = Date.parse(serverTime);
    if (!Number.isFinite(serverMs) || roundTripMs < 0) return;
    const stale = this.best !== undefined && receivedAt - this.best.takenAtMs > this.sampleLifetimeMs;
    if (this.best === undefined || stale || roundTripMs <= this.best.roundTripMs) {
      // The answer was made about half a round trip ago.
      this.best = { serverMs: serverMs + roundTripMs / 2, monotonicMs: receivedAt, roundTripMs, takenAtMs: receivedAt };
    }
  }

  /** Milliseconds since the epoch on the server's clock; the kiosk's own until the first sample. */
  now(): number {
    if (this.best === undefined) return this.wall();
    return this.best.serverMs + (this.monotonic() - this.best.monotonicMs);
  }

  /** How far the kiosk's wall clock is from the server's, for the technician's status. */
  offsetMs(): number | undefined {
    return this.best === undefined ? undefined : this.now() - this.wall();
  }
}
