import type { TimeRange } from './settled-range.js';

export interface WindowRows {
  windowStartMs: number;
  rows: number;
}

/** A range of windows and the source rows it held when the windows were counted. */
export type Chunk = TimeRange & { rows: number };

/**
 * Splits a run into ranges of consecutive windows holding at most `maxRows` source rows each (a
 * single bigger window gets a range of its own). Deduplication never crosses a window, so the
 * ranges compute exactly what one query over everything would, in bounded memory.
 */
export function computeChunks(
  windows: readonly WindowRows[],
  windowMs: number,
  maxRows: number,
): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  for (const { windowStartMs, rows } of windows) {
    const endMs = windowStartMs + windowMs;
    if (current && current.rows + rows <= maxRows) {
      current.toMs = endMs;
      current.rows += rows;
      continue;
    }
    if (current) chunks.push(current);
    current = { fromMs: windowStartMs, toMs: endMs, rows };
  }
  if (current) chunks.push(current);
  return chunks;
}
