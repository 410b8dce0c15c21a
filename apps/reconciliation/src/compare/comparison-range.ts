import type { View } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';

/** Window starts in [fromMs, toMs): every window both layers should hold. */
export interface ComparisonRange {
  fromMs: number;
  toMs: number;
}

/**
 * The windows batch serves from its published run (ending at or before the batch watermark) that
 * started within the lookback. The lookback stays inside speed's row TTL: near the TTL some of a
 * window's partition rows may have expired and others not, which would read as drift.
 */
export function comparisonRange(
  view: View,
  state: ViewState,
  nowMs: number,
  lookbackMs: number,
): ComparisonRange | { skip: string } {
  if (state.batchRunId === null || state.batchWatermarkMs === null)
    return { skip: 'no published batch run yet' };
  const { windowMs } = view;
  const toMs = Math.floor(state.batchWatermarkMs / windowMs) * windowMs;
  const fromMs = Math.ceil((nowMs - lookbackMs) / windowMs) * windowMs;
  if (fromMs >= toMs) return { skip: 'no window batch serves lies within the lookback' };
  return { fromMs, toMs };
}
