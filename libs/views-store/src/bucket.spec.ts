import { WINDOWS_PER_BUCKET, bucketOf, bucketsCovering } from './index.js';

const HOUR = 3_600_000;
const span = HOUR * WINDOWS_PER_BUCKET;

describe('buckets', () => {
  it('groups WINDOWS_PER_BUCKET consecutive windows, aligned to the epoch', () => {
    expect(bucketOf(HOUR, 0)).toBe(0);
    expect(bucketOf(HOUR, span - HOUR)).toBe(0);
    expect(bucketOf(HOUR, span)).toBe(1);
  });

  it('lists the buckets a half-open range of window starts touches', () => {
    expect(bucketsCovering(HOUR, span - 2 * HOUR, span)).toEqual([0]);
    expect(bucketsCovering(HOUR, span - HOUR, span + HOUR)).toEqual([0, 1]);
    expect(bucketsCovering(HOUR, 5 * HOUR, 5 * HOUR)).toEqual([]);
  });
});
