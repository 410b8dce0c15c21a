export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets per caller id: `ratePerSecond` tokens refill each second, up to one second's
 * worth (at least one), and each request takes one.
 */
export function createRateLimiter(nowMs: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; updatedMs: number }>();
  return (id: string, ratePerSecond: number): RateVerdict => {
    const now = nowMs();
    const capacity = Math.max(1, ratePerSecond);
    const bucket = buckets.get(id) ?? { tokens: capacity, updatedMs: now };
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * ratePerSecond,
    );
    bucket.updatedMs = now;
    buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / ratePerSecond) };
  };
}
