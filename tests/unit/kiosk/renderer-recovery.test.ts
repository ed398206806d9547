import { describe, expect, it } from 'vitest';
import { RendererRecovery } from '../../../src/main/kiosk/renderer-recovery';

describe('renderer recovery', () => {
  it('reloads quickly at first, then backs off to a ceiling, and forgives after a quiet minute', () => {
    let now = 0;
    const recovery = new RendererRecovery(() => now);
    const delays = Array.from({ length: 12 }, () => recovery.recordFailure());
    expect(delays).toEqual([250, 250, 250, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    now += 60_000;
    expect(recovery.recordFailure()).toBe(250);
  });
});
