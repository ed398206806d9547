import type { VisitLedgerEntry, VisitLedgerInput } from '../store/visit-ledger';

type Drop = VisitLedgerEntry['drops'][number];

/** The payload schema's limit; past it the oldest drops give way, the totals still count them. */
const maxDrops = 1000;
const maxCauseLength = 200;

type Status =
  /** Media has not flowed yet: waiting for the other side is not lost time. */
  | 'waiting'
  | 'connected'
  | 'disconnected'
  /** The visit is over; nothing accrues any more. */
  | 'stopped';

/**
 * A visit's connected and disconnected time, measured on the monotonic clock so a wall clock that is
 * wrong or jumps cannot add or take a second, and its drops, stamped with the server's time so the
 * server can lay them next to its own record.
 */
export class LedgerAccumulator {
  private connectedMs: number;
  private disconnectedMs: number;
  private readonly drops: Drop[];
  private status: Status = 'waiting';
  /** Monotonic time up to which the totals are counted. */
  private since = 0;
  /** Monotonic time the current connected stretch began: a drop is never dated before it. */
  private connectedSince = 0;
  /** Monotonic time the open drop began: a return is never dated before it. */
  private disconnectedSince = 0;

  constructor(
    readonly visitId: string,
    stored?: Pick<VisitLedgerEntry, 'connectedSeconds' | 'disconnectedSeconds' | 'drops'>,
  ) {
    this.connectedMs = (stored?.connectedSeconds ?? 0) * 1000;
    this.disconnectedMs = (stored?.disconnectedSeconds ?? 0) * 1000;
    this.drops = (stored?.drops ?? []).map((drop) => ({ ...drop }));
  }

  /** True once media has flowed (now or in a stored ledger this one continues). */
  get everConnected(): boolean {
    return this.connectedMs > 0 || this.drops.length > 0 || this.status === 'connected';
  }

  /** True while time is being added to a total, so the ledger changes from second to second. */
  get accruing(): boolean {
    return this.status === 'connected' || this.status === 'disconnected';
  }

  /** The open drop's cause, while media is not flowing after it had. */
  get openCause(): string | null {
    const last = this.drops.at(-1);
    return this.status === 'disconnected' && last !== undefined && last.endedAt === null ? last.cause : null;
  }

  /**
   * Media flows again since `monotonicMs`, which may lie a little in the past: a return is confirmed
   * only some checks after the first packet, and it counts from that packet, as the server dates it.
   * Time already counted as disconnected since then moves to connected.
   */
  connect(monotonicMs: number, serverIso: string): void {
    if (this.status === 'connected' || this.status === 'stopped') return;
    let at = monotonicMs;
    if (this.status === 'waiting') {
      // Nothing is counted while waiting, so the first stretch may start before the last accrual.
      this.since = at;
    } else {
      at = Math.max(at, this.disconnectedSince);
      this.accrue(at);
      const counted = Math.min(Math.max(0, this.since - at), this.disconnectedMs);
      this.disconnectedMs -= counted;
      this.connectedMs += counted;
    }
    this.closeOpenDrop(serverIso);
    this.status = 'connected';
    this.connectedSince = at;
  }

  /**
   * Media stopped flowing at `monotonicMs`, which may lie a little in the past: a stall is noticed
   * only some time after the last packet, and the drop starts at that packet, as the server dates
   * it. Time already counted as connected since then moves to disconnected. Before media ever
   * flowed this is not a drop, and nothing is counted.
   */
  disconnect(monotonicMs: number, serverIso: string, cause: string): void {
    if (this.status !== 'connected') return;
    const at = Math.max(monotonicMs, this.connectedSince);
    this.accrue(at);
    const counted = Math.min(Math.max(0, this.since - at), this.connectedMs);
    this.connectedMs -= counted;
    this.disconnectedMs += counted;
    this.openDrop(serverIso, cause);
    this.status = 'disconnected';
    this.disconnectedSince = at;
  }

  /**
   * The kiosk was away (main restarted) and goes back into the call: the `lostMs` it could not count
   * are lost, and so is the time from now until media flows again, in one drop from `stoppedIso`
   * (or the drop the kiosk was already in when it stopped). False when media had never flowed, which
   * is no drop: the call starts as if new.
   */
  resumeAfterAbsence(monotonicMs: number, lostMs: number, stoppedIso: string, cause: string): boolean {
    if (this.status !== 'waiting' || !this.everConnected) return false;
    this.accrue(monotonicMs);
    this.disconnectedMs += Math.max(0, lostMs);
    if (this.drops.at(-1)?.endedAt !== null) this.openDrop(stoppedIso, cause);
    this.status = 'disconnected';
    this.disconnectedSince = monotonicMs;
    return true;
  }

  /**
   * The visit is over at `monotonicMs`, which may lie a little in the past (a hang-up is confirmed a
   * round trip after it reached the server): totals stop there, and an open drop ends with it. Time
   * already counted since then is taken back; it belongs to neither total.
   */
  stop(monotonicMs: number, serverIso: string): void {
    if (this.status === 'stopped') return;
    if (this.status === 'connected' || this.status === 'disconnected') {
      const connected = this.status === 'connected';
      const at = Math.max(monotonicMs, connected ? this.connectedSince : this.disconnectedSince);
      this.accrue(at);
      const counted = Math.max(0, this.since - at);
      if (connected) this.connectedMs -= Math.min(counted, this.connectedMs);
      else this.disconnectedMs -= Math.min(counted, this.disconnectedMs);
    }
    this.closeOpenDrop(serverIso);
    this.status = 'stopped';
  }

  /** The ledger as the store keeps it and the server receives it, counted up to `monotonicMs`. */
  entry(monotonicMs: number, final: boolean): VisitLedgerInput {
    this.accrue(monotonicMs);
    return {
      visitId: this.visitId,
      connectedSeconds: toSeconds(this.connectedMs),
      disconnectedSeconds: toSeconds(this.disconnectedMs),
      drops: this.drops.map((drop) => ({ ...drop })),
      final,
    };
  }

  private accrue(monotonicMs: number): void {
    const span = Math.max(0, monotonicMs - this.since);
    if (this.status === 'connected') this.connectedMs += span;
    else if (this.status === 'disconnected') this.disconnectedMs += span;
    // Never back: a monotonic clock read out of order must not count a span twice.
    this.since = Math.max(this.since, monotonicMs);
  }

  private openDrop(serverIso: string, cause: string): void {
    this.drops.push({ startedAt: serverIso, endedAt: null, cause: cause.slice(0, maxCauseLength) });
    if (this.drops.length > maxDrops) this.drops.shift();
  }

  private closeOpenDrop(serverIso: string): void {
    const last = this.drops.at(-1);
    if (last !== undefined && last.endedAt === null) last.endedAt = serverIso;
  }
}

/** Millisecond precision: enough to compare with the server, and stable in JSON. */
function toSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}
