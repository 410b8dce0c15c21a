/** One (key, window) with unexplained divergence. */
export interface WindowRef {
  key: string;
  windowStartMs: number;
}

/** A range of windows batch should recompute: [fromMs, toMs), one key or all of them. */
export interface RepairRange {
  fromMs: number;
  toMs: number;
  key?: string;
}

export interface CoalesceOptions {
  windowMs: number;
  /** False for views without key fields: their one key needs no naming. */
  keyed: boolean;
  /** Most requests one run may publish. */
  maxRanges: number;
}

/** Runs of consecutive windows, each as one range. */
function rangesOf(starts: Iterable<number>, windowMs: number): RepairRange[] {
  const ranges: RepairRange[] = [];
  for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && last.toMs === start) last.toMs = start + windowMs;
    else ranges.push({ fromMs: start, toMs: start + windowMs });
  }
  return ranges;
}

/**
 * The fewest recompute requests that cover the windows: adjacent windows of a key become one
 * range. When that takes more than `maxRanges` requests, the keys are dropped (each range then
 * recomputes every key, which costs batch one query per range, not per key); when even that is
 * too many, one range spans them all.
 */
export function coalesceWindows(
  windows: readonly WindowRef[],
  { windowMs, keyed, maxRanges }: CoalesceOptions,
): RepairRange[] {
  if (windows.length === 0) return [];
  if (keyed) {
    const byKey = new Map<string, number[]>();
    for (const { key, windowStartMs } of windows)
      byKey.set(key, [...(byKey.get(key) ?? []), windowStartMs]);
    const perKey = [...byKey.keys()]
      .sort()
      .flatMap((key) =>
        rangesOf(byKey.get(key) ?? [], windowMs).map((range) => ({ ...range, key })),
      );
    if (perKey.length <= maxRanges) return perKey;
  }
  const allKeys = rangesOf(
    windows.map((w) => w.windowStartMs),
    windowMs,
  );
  if (allKeys.length <= maxRanges) return allKeys;
  return [{ fromMs: allKeys[0]!.fromMs, toMs: allKeys.at(-1)!.toMs }];
}
