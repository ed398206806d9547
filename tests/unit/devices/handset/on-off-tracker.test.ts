import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnOffTracker } from '../../../../src/main/devices/handset/on-off-tracker';

describe('on/off tracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function track(behaviour: 'state' | 'toggle' | 'on-off-buttons', debounceMs: number) {
    const changes: Array<[boolean, boolean | null]> = [];
    const tracker = new OnOffTracker(behaviour, debounceMs, (on, previous) => changes.push([on, previous]));
    return { tracker, changes };
  }

  it('takes an absolute switch value as the state once it has held for the debounce time', () => {
    const { tracker, changes } = track('state', 40);
    tracker.feed(1);
    expect(tracker.state).toBeNull();
    vi.advanceTimersByTime(39);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([[true, null]]);
    expect(tracker.state).toBe(true);
  });

  it('ignores a bouncing contact and reports only where it settles', () => {
    const { tracker, changes } = track('state', 40);
    tracker.feed(0);
    vi.advanceTimersByTime(40);
    for (const value of [1, 0, 1, 0, 1]) {
      tracker.feed(value);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(40);
    expect(changes).toEqual([
      [false, null],
      [true, false],
    ]);
    // A bounce that comes back to the settled state reports nothing.
    tracker.feed(0);
    vi.advanceTimersByTime(10);
    tracker.feed(1);
    vi.advanceTimersByTime(100);
    expect(changes).toHaveLength(2);
  });

  it('repeats nothing for reports that carry an unchanged state', () => {
    const { tracker, changes } = track('state', 0);
    tracker.feed(1);
    tracker.feed(1);
    tracker.feed(1);
    expect(changes).toEqual([[true, null]]);
  });

  it('flips a toggle on each report that asserts it, the first press being a lift from rest', () => {
    const { tracker, changes } = track('toggle', 40);
    expect(tracker.state).toBeNull();
    tracker.feed(1);
    tracker.feed(0);
    vi.advanceTimersByTime(200);
    tracker.feed(1);
    tracker.feed(0);
    expect(changes).toEqual([
      [true, null],
      [false, true],
    ]);
  });

  it('takes a second toggle within the debounce time as the same press', () => {
    const { tracker, changes } = track('toggle', 40);
    tracker.feed(1);
    vi.advanceTimersByTime(10);
    tracker.feed(1);
    expect(changes).toEqual([[true, null]]);
  });

  it('turns on/off buttons on with +1 and off with -1', () => {
    const { tracker, changes } = track('on-off-buttons', 40);
    tracker.feed(1);
    tracker.feed(0);
    tracker.feed(1);
    tracker.feed(-1);
    expect(changes).toEqual([
      [true, null],
      [false, true],
    ]);
  });

  it('reports nothing after it is disposed', () => {
    const { tracker, changes } = track('state', 40);
    tracker.feed(1);
    tracker.dispose();
    vi.advanceTimersByTime(100);
    expect(changes).toEqual([]);
  });
});
