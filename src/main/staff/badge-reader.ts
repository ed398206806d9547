import { staffNumberSchema } from '../../shared/protocol/staff';
import type { KeyConsumer, KeyPress } from '../input/key-stream';

/**
 * A badge reader types as a USB keyboard: digits, then Enter, each a few milliseconds after the
 * last. A person on a keyboard takes 100 ms or more between keys, so a run whose every gap is below
 * this is a badge, not a person.
 */
export const badgeMaxGapMs = 50;

/**
 * Tells a badge swipe from a person typing, on key timing alone (pure: the times are the presses').
 * Digits pass on to the page; the Enter that ends a badge is consumed, and `onBadge` gets the number.
 */
export class BadgeReader implements KeyConsumer {
  private digits = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly onBadge: (staffNumber: string) => void,
    private readonly maxGapMs = badgeMaxGapMs,
  ) {}

  consume(press: KeyPress): boolean {
    const quick = press.at - this.lastAt <= this.maxGapMs;
    this.lastAt = press.at;
    if (/^\d$/.test(press.key)) {
      this.digits = quick ? this.digits + press.key : press.key;
      return false;
    }
    const typed = this.digits;
    this.digits = '';
    if (press.key !== 'Enter' || !quick || !staffNumberSchema.safeParse(typed).success) return false;
    this.onBadge(typed);
    return true;
  }
}
