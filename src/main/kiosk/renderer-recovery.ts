/**
 * How long to wait before reloading a renderer that crashed or hung. The first failures reload at
 * once so a visit resumes quickly; a renderer that keeps dying backs off so a crash loop cannot
 * pin the CPU, but it is never abandoned — an unattended kiosk has nobody to press reload.
 */
export class RendererRecovery {
  private crashes: number[] = [];

  constructor(
    private readonly now: () => number,
    private readonly options = { windowMs: 60_000, quickRetries: 3, baseDelayMs: 250, maxDelayMs: 30_000 },
  ) {}

  /** Records a failure and returns the delay before the next reload. */
  recordFailure(): number {
    const now = this.now();
    this.crashes = [...this.crashes.filter((at) => now - at < this.options.windowMs), now];
    const beyondQuick = this.crashes.length - this.options.quickRetries;
    if (beyondQuick <= 0) return this.options.baseDelayMs;
    return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** beyondQuick);
  }
}
