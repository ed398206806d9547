import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../../../src/main/input/key-stream';
import { KeyStreamHub } from '../../../src/main/input/key-stream-hub';
import { BadgeReader, badgeMaxGapMs } from '../../../src/main/staff/badge-reader';

/** Keys typed `gapMs` apart from `startAt`, as a keyboard or a badge reader sends them. */
function typed(text: string, gapMs: number, startAt = 1000): KeyPress[] {
  return [...text].map((key, index) => ({
    key: key === '\n' ? 'Enter' : key,
    code: key === '\n' ? 'Enter' : `Digit${key}`,
    at: startAt + index * gapMs,
  }));
}

function feed(presses: KeyPress[]) {
  const badges: string[] = [];
  const reader = new BadgeReader((number) => badges.push(number));
  const consumed = presses.map((press) => reader.consume(press));
  return { badges, consumed };
}

describe('badge reader', () => {
  it('takes digits then Enter typed a few milliseconds apart as a badge, and swallows only the Enter', () => {
    const { badges, consumed } = feed(typed('7001\n', 8));
    expect(badges).toEqual(['7001']);
    expect(consumed).toEqual([false, false, false, false, true]);
  });

  it('leaves a person typing the same keys alone', () => {
    expect(feed(typed('7001\n', 140)).badges).toEqual([]);
  });

  it('needs every gap to be quick: one slow key starts the run again from it', () => {
    const presses = [...typed('70', 8), ...typed('01\n', 8, 1500)];
    expect(feed(presses).badges).toEqual([]);
    expect(feed([...typed('9', 8), ...typed('7001\n', 8, 2000)]).badges).toEqual(['7001']);
  });

  it('ignores too short a run, and any other key in the middle', () => {
    expect(feed(typed('70\n', 8)).badges).toEqual([]);
    expect(feed(typed('70a01\n', 8)).badges).toEqual([]);
  });

  it('at any gaps: the badge is the quick run of digits that Enter quickly ends, if it is long enough', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{3,12}$/),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 13, maxLength: 13 }),
        (number, gaps) => {
          let at = 10_000;
          const presses: KeyPress[] = [...number, '\n'].map((key, index) => {
            at += gaps[index] ?? 0;
            return { key: key === '\n' ? 'Enter' : key, code: '', at };
          });
          const slow = (index: number): boolean => index > 0 && (gaps[index] ?? 0) > badgeMaxGapMs;
          // A slow key starts the run again from itself.
          const runStart =
            Array.from(number, (_, index) => index)
              .filter(slow)
              .at(-1) ?? 0;
          const run = number.slice(runStart);
          const badge = !slow(number.length) && run.length >= 3;
          expect(feed(presses).badges).toEqual(badge ? [run] : []);
        },
      ),
    );
  });

  it('in the key stream, a consumed key goes no further', () => {
    const hub = new KeyStreamHub();
    const badges: string[] = [];
    const later: string[] = [];
    hub.add(new BadgeReader((number) => badges.push(number)));
    const remove = hub.add({ consume: (press) => (later.push(press.key), false) });
    const passed = typed('7001\n', 5).map((press) => hub.push(press));
    remove();
    hub.push({ key: '1', code: 'Digit1', at: 9999 });
    expect(passed).toEqual([false, false, false, false, true]);
    expect(badges).toEqual(['7001']);
    expect(later).toEqual(['7', '0', '0', '1']);
  });
});
