import type { Clock } from '../clock';

export interface RateLimit {
  /** Attempts that may come at once. */
  burst: number;
  /** One more attempt is allowed every this many milliseconds, up to `burst`. */
  refillMs: number;
}

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one attempt for `key`, or says when the next one will be allowed. */
  take(key: string): Take;
  /** Returns the attempt `take` spent, for callers that count only the failures (a right PIN costs nothing). */
  giveBack(key: string): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (a client address, a kiosk) on an injected clock. The keys come from
 * the network, so the table is bounded: past `maxKeys` the buckets that have refilled are
 * dropped, then the oldest, which forgets a full bucket's worth at most.
 */
export function createRateLimiter(limit: RateLimit, clock: Clock, maxKeys = 10_000): RateLimiter {
  const buckets = new Map<string, Bucket>();

  function current(key: string): Bucket {
    const now = clock.now();
    const bucket = buckets.get(key);
    if (bucket === undefined) return { tokens: limit.burst, at: now };
    const tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) / limit.refillMs);
    return { tokens, at: now };
  }

  function store(key: string, bucket: Bucket): void {
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size <= maxKeys) return;
    for (const [other] of buckets) {
      if (current(other).tokens >= limit.burst) buckets.delete(other);
    }
    for (const [other] of buckets) {
      if (buckets.size <= maxKeys) break;
      buckets.delete(other);
    }
  }

  return {
    take(key) {
      const bucket = current(key);
      if (bucket.tokens < 1) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * limit.refillMs) / 1000)),
        };
      }
      store(key, { tokens: bucket.tokens - 1, at: bucket.at });
      return { allowed: true };
    },
    giveBack(key) {
      const bucket = current(key);
      store(key, { tokens: Math.min(limit.burst, bucket.tokens + 1), at: bucket.at });
    },
  };
}
