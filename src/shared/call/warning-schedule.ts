/**
 * When a visit warns that its end is near: once per threshold (seconds before the end).
 *
 * A threshold whose time has already passed when it is first looked at (a visit joined with three
 * minutes left, a kiosk restarted mid-visit, a server clock corrected forwards) is not dropped: if
 * the end is still ahead the person is warned at once. When several have passed together only the
 * one nearest the end is given, so nobody hears "5 minutes left" and "1 minute left" in one breath.
 */
export class WarningSchedule {
  private readonly thresholdsMs: number[];
  private readonly given = new Set<number>();

  constructor(thresholdSeconds: readonly number[]) {
    this.thresholdsMs = [...new Set(thresholdSeconds)]
      .filter((seconds) => seconds > 0)
      .map((seconds) => seconds * 1000);
  }

  /**
   * The threshold (in seconds) to warn about with `leftMs` to go, if any, marking every threshold
   * passed by now as given. Nothing once the end has come: the end itself says it.
   */
  due(leftMs: number): number | undefined {
    if (leftMs <= 0) return undefined;
    const passed = this.thresholdsMs.filter((threshold) => leftMs <= threshold && !this.given.has(threshold));
    for (const threshold of passed) this.given.add(threshold);
    return passed.length === 0 ? undefined : Math.min(...passed) / 1000;
  }

  /** Milliseconds until the next threshold not given yet, or undefined when none is left. */
  nextInMs(leftMs: number): number | undefined {
    const waits = this.thresholdsMs
      .filter((threshold) => !this.given.has(threshold))
      .map((threshold) => Math.max(0, leftMs - threshold));
    return waits.length === 0 ? undefined : Math.min(...waits);
  }

  /** The end moved: thresholds that are ahead again will be given again. */
  rewind(leftMs: number): void {
    for (const threshold of this.given) if (leftMs > threshold) this.given.delete(threshold);
  }
}
