import type { TimeRange } from './settled-range.js';

export interface WindowRows {
  windowStartMs: number;
  rows: number;
}

/**
 * Splits a run into ranges of consecutive windows holding at most `maxRows` source rows each (a
 * single bigger window gets a range of its own). Deduplication never crosses a window, so the
 * ranges compute exactly what one query over everything would, in bounded memory.
 */
export function computeChunks(
  windows: readonly WindowRows[],
  windowMs: number,
  maxRows: number,
): TimeRange[] {
  const chunks: TimeRange[] = [];
  let current: (TimeRange & { rows: number }) | undefined;
  for (const { windowStartMs, rows } of windows) {
    const endMs = windowStartMs + windowMs;
    if (current && current.rows + rows <= maxRows) {
      current.toMs = endMs;
      current.rows += rows;
      continue;
    }
    if (current) chunks.push({ fromMs: current.fromMs, toMs: current.toMs });
    current = { fromMs: windowStartMs, toMs: endMs, rows };
  }
  if (current) chunks.push({ fromMs: current.fromMs, toMs: current.toMs });
  return chunks;
}
