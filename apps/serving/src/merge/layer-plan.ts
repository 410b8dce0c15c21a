import type { ViewState } from '@lambda/views-store';
import type { WindowRange } from '../query/window-range.js';

/** Which layer answers a window: `none` when the view is pinned to batch and batch has no answer. */
export type Layer = 'batch' | 'speed' | 'none';

export const LAYERS: readonly Layer[] = ['batch', 'speed', 'none'];

/** The part of a range each layer serves; batch windows always come first. */
export interface LayerPlan {
  /** With the run whose rows answer it. */
  batch: (WindowRange & { runId: string }) | null;
  /** Served by speed, or by nothing (`none`) while the view is pinned to batch. */
  rest: WindowRange | null;
  restLayer: 'speed' | 'none';
}

type BatchState = Pick<ViewState, 'batchRunId' | 'batchWatermarkMs' | 'pinnedToBatch'>;

/**
 * Merge precedence: batch for every window that ends at or before the batch watermark of the
 * version, speed for the later ones, so no window is counted by both. The watermark is
 * window-aligned by contract; rounding it down keeps a stray one from splitting a window.
 */
export function planLayers(
  { fromMs, toMs }: WindowRange,
  windowMs: number,
  state: BatchState,
): LayerPlan {
  const restLayer = state.pinnedToBatch ? 'none' : 'speed';
  const { batchRunId: runId, batchWatermarkMs: watermarkMs } = state;
  const split =
    runId === null || watermarkMs === null
      ? fromMs
      : Math.min(toMs, Math.max(fromMs, Math.floor(watermarkMs / windowMs) * windowMs));
  return {
    batch: runId !== null && split > fromMs ? { fromMs, toMs: split, runId } : null,
    rest: split < toMs ? { fromMs: split, toMs } : null,
    restLayer,
  };
}

export function layerOf(plan: LayerPlan, windowStartMs: number): Layer {
  return plan.batch && windowStartMs < plan.batch.toMs ? 'batch' : plan.restLayer;
}
