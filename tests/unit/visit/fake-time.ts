import type { Timer } from '../../../src/main/store/timer';

/**
 * The three clocks a kiosk has, all under the test's hand: a monotonic clock that only moves
 * forwards, the kiosk's wall clock (which may be set to anything, as an operator or a bad RTC can),
 * and timers that fire as the monotonic clock passes them.
 */
export class FakeTime implements Timer {
  /** Milliseconds, like `performance.now()`: small and unrelated to any calendar. */
  monotonicMs = 5_000;
  /** The kiosk's wall clock, which the session must never need. */
  wallMs = Date.parse('2026-11-22T08:00:00.000Z');
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  readonly monotonic = (): number => this.monotonicMs;
  readonly wall = (): number => this.wallMs;

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.monotonicMs + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves both clocks forward, firing due timers in order at their own times. */
  advance(ms: number): void {
    const target = this.monotonicMs + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([idA, a], [idB, b]) => a.at - b.at || idA - idB)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.wallMs += timer.at - this.monotonicMs;
      this.monotonicMs = timer.at;
      timer.callback();
    }
    this.wallMs += target - this.monotonicMs;
    this.monotonicMs = target;
  }

  /** The wall clock jumps (NTP step, an operator, a dead RTC battery); monotonic time does not. */
  jumpWall(ms: number): void {
    this.wallMs += ms;
  }
}
