import { randomBytes } from 'node:crypto';
import type { View } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import { batchWatermarkMs, servedWindowsOf, type TimeRange } from './settled-range.js';

/**
 * What one run computes and where it publishes. A full run covers every settled window from the
 * beginning of history and becomes visible by moving view_state to its own id. A targeted run
 * recomputes a range (optionally one key) and upserts the final values under the run serving
 * already reads, leaving view_state as it is.
 */
export interface RunPlan {
  kind: 'full' | 'targeted';
  view: View;
  runId: string;
  /** The batch_view run id the rows are written under. */
  publishedRunId: string;
  /** Window starts at or after this; undefined from the first event on. */
  fromMs: number | undefined;
  /** Window ends at or before this: the batch watermark for a full run. */
  toMs: number;
  keyEquals: string | undefined;
  /** The batch watermark serving will use once the run is visible. */
  watermarkMs: number;
}

export interface RecomputeRequest extends TimeRange {
  key?: string;
}

/** Sortable by time, unique per attempt, and readable in logs: `<view>.v<n>.<utc>.<random>`. */
export function newRunId(view: View, nowMs: number): string {
  const utc = new Date(nowMs).toISOString().replace(/[-:.]/g, '');
  return `${view.id}.v${view.version}.${utc}.${randomBytes(3).toString('hex')}`;
}

export function planFullRun(view: View, nowMs: number, settleDelayMs: number): RunPlan {
  const runId = newRunId(view, nowMs);
  const watermarkMs = batchWatermarkMs(view.windowMs, nowMs, settleDelayMs);
  return {
    kind: 'full',
    view,
    runId,
    publishedRunId: runId,
    fromMs: undefined,
    toMs: watermarkMs,
    keyEquals: undefined,
    watermarkMs,
  };
}

/** A targeted run, or why there is nothing to do (no published run, or no served window in range). */
export function planTargetedRun(
  view: View,
  request: RecomputeRequest,
  state: ViewState,
  nowMs: number,
): RunPlan | { skip: string } {
  if (state.batchRunId === null || state.batchWatermarkMs === null)
    return { skip: 'no published run yet; the first full run covers the range' };
  const range = servedWindowsOf(view.windowMs, request, state.batchWatermarkMs);
  if (!range) return { skip: 'no window of the range is served by batch yet' };
  return {
    kind: 'targeted',
    view,
    runId: newRunId(view, nowMs),
    publishedRunId: state.batchRunId,
    fromMs: range.fromMs,
    toMs: range.toMs,
    keyEquals: request.key,
    watermarkMs: state.batchWatermarkMs,
  };
}
