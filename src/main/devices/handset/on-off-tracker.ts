import type { ControlBehaviour } from './telephony-controls';

/**
 * The state of one on/off control (a hook switch, a mute button) from the values its reports
 * carry. Mechanical hook switches bounce: an absolute switch's new value counts only once it has
 * held for `debounceMs`, and a toggle pressed again within `debounceMs` of the last flip is the
 * same press.
 */
export class OnOffTracker {
  private current: boolean | null = null;
  private pending: boolean | null = null;
  private settle: NodeJS.Timeout | undefined;
  private lastFlipAt = -Infinity;

  constructor(
    private readonly behaviour: ControlBehaviour,
    private readonly debounceMs: number,
    private readonly onChange: (on: boolean, previous: boolean | null) => void,
  ) {}

  get state(): boolean | null {
    return this.current;
  }

  /** One report's value for the control (an array control: 1 when selected, else 0). */
  feed(value: number): void {
    switch (this.behaviour) {
      case 'state':
        this.feedState(value !== 0);
        break;
      case 'toggle':
        if (value === 0) return;
        if (Date.now() - this.lastFlipAt < this.debounceMs) return;
        this.lastFlipAt = Date.now();
        // A toggling switch says nothing of its state at start: the first press is taken as a lift
        // from rest.
        this.set(!(this.current ?? false));
        break;
      case 'on-off-buttons':
        if (value > 0) this.set(true);
        else if (value < 0) this.set(false);
        break;
    }
  }

  dispose(): void {
    clearTimeout(this.settle);
    this.settle = undefined;
  }

  private feedState(on: boolean): void {
    if (on === this.pending) return;
    this.pending = on;
    clearTimeout(this.settle);
    this.settle = undefined;
    if (on === this.current) return;
    if (this.debounceMs <= 0) {
      this.set(on);
      return;
    }
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.set(on);
    }, this.debounceMs);
  }

  private set(on: boolean): void {
    if (on === this.current) return;
    const previous = this.current;
    this.current = on;
    this.onChange(on, previous);
  }
}
