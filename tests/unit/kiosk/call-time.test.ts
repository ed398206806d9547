import { describe, expect, it } from 'vitest';
import { CallClock } from '../../../src/main/kiosk/call-time';

describe('call clock', () => {
  it('counts waiting as neither, media as connected, and gaps after the first media as lost', () => {
    let now = 1_000;
    const clock = new CallClock(() => now);
    now += 30_000;
    expect(clock.read()).toEqual({ connectedSeconds: 0, lostSeconds: 0 });
    clock.report(true);
    now += 61_900;
    clock.report(true);
    clock.report(false);
    now += 9_000;
    expect(clock.read()).toEqual({ connectedSeconds: 61, lostSeconds: 9 });
    clock.report(true);
    now += 60_000;
    expect(clock.read()).toEqual({ connectedSeconds: 121, lostSeconds: 9 });
  });

  it('never counts backwards when the clock does', () => {
    let now = 10_000;
    const clock = new CallClock(() => now);
    clock.report(true);
    now -= 5_000;
    expect(clock.read()).toEqual({ connectedSeconds: 0, lostSeconds: 0 });
  });
});
