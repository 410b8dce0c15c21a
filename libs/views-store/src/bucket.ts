/**
 * Cassandra partitions hold one view version's key over a span of WINDOWS_PER_BUCKET windows,
 * so a typical series request (say 24 hourly windows) reads one partition, and no partition
 * grows without bound.
 */
export const WINDOWS_PER_BUCKET = 256;

export function bucketOf(windowMs: number, windowStartMs: number): number {
  return Math.floor(windowStartMs / (windowMs * WINDOWS_PER_BUCKET));
}

/** Every bucket holding a window that starts in [fromMs, toMs). */
export function bucketsCovering(windowMs: number, fromMs: number, toMs: number): number[] {
  if (toMs <= fromMs) return [];
  const first = bucketOf(windowMs, fromMs);
  const last = bucketOf(windowMs, toMs - 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
