import { bucketsCovering } from './bucket.js';

/** The windows of one view version's key that start in [fromMs, toMs). */
export interface KeyWindowsQuery {
  viewId: string;
  version: number;
  key: string;
  windowMs: number;
  fromMs: number;
  toMs: number;
}

/**
 * Reads a range bucket by bucket (one partition read each, in parallel) and returns the rows in
 * window order: buckets are consecutive and each partition is clustered by window start.
 */
export async function readAcrossBuckets<T>(
  { windowMs, fromMs, toMs }: KeyWindowsQuery,
  readBucket: (bucket: bigint, fromMs: number, toMs: number) => Promise<T[]>,
): Promise<T[]> {
  const buckets = bucketsCovering(windowMs, fromMs, toMs);
  const perBucket = await Promise.all(
    buckets.map((bucket) => readBucket(BigInt(bucket), fromMs, toMs)),
  );
  return perBucket.flat();
}
