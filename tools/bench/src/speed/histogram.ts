/**
 * A quantile of a Prometheus histogram from an exposition text, interpolated linearly inside the
 * bucket it falls in (as PromQL's histogram_quantile does).
 */
export function histogramQuantile(metricsText: string, name: string, q: number): number {
  const buckets = [
    ...metricsText.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm')),
  ]
    .map((m) => ({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: Number(m[2]) }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let previous = { le: 0, count: 0 };
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return previous.le;
      const inBucket = bucket.count - previous.count;
      return (
        previous.le +
        (bucket.le - previous.le) * (inBucket === 0 ? 0 : (rank - previous.count) / inBucket)
      );
    }
    previous = bucket;
  }
  return NaN;
}
