import { describe, expect, it } from 'vitest';
import { manualClock } from '../test-support/manual-clock';
import { createRateLimiter } from './rate-limit';

describe('the rate limiter', () => {
  it('allows a burst, then one attempt per refill interval, and says when', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ burst: 3, refillMs: 10_000 }, clock);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock.advance(4_000);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    clock.advance(6_000);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('refills no further than the burst, however long the key was quiet', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ burst: 2, refillMs: 1_000 }, clock);
    limiter.take('a');
    clock.advance(60_000);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps keys apart', () => {
    const limiter = createRateLimiter({ burst: 1, refillMs: 60_000 }, manualClock());
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('gives back an attempt that turned out not to count, never beyond the burst', () => {
    const limiter = createRateLimiter({ burst: 2, refillMs: 60_000 }, manualClock());
    limiter.take('a');
    limiter.take('a');
    limiter.giveBack('a');
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    limiter.giveBack('b');
    limiter.giveBack('b');
    expect([1, 2, 3].map(() => limiter.take('b').allowed)).toEqual([true, true, false]);
  });

  it('stays bounded under many keys, keeping the most recent ones spent', () => {
    const limiter = createRateLimiter({ burst: 1, refillMs: 60_000 }, manualClock(), 100);
    for (let i = 0; i < 1_000; i++) limiter.take(`key-${i}`);
    expect(limiter.take('key-999').allowed).toBe(false);
    expect(limiter.take('key-0').allowed).toBe(true);
  });
});
