import type { ComparisonRange } from '../compare/comparison-range.js';
import type { Severity } from '../verdict/verdict.js';

export type RunStatus = 'succeeded' | 'failed' | 'skipped';
export type TriggerKind = 'schedule' | 'batch_run_completed';
export const RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'skipped'];

/** What started a run, and whether it may ask batch for repairs. */
export interface Trigger {
  kind: TriggerKind;
  /** The completed batch run that triggered it. */
  batchRunId?: string;
  /**
   * False after a targeted (repair) batch run: that run only verifies the repair. Asking again from
   * it would loop (repair → completed → reconcile → repair) while a speed bug persists.
   */
  mayRepair: boolean;
}

export interface MeasureRatios {
  measure: string;
  total: number;
  explained: number;
  unexplained: number;
  divergingWindows: number;
  unexplainedWindows: number;
}

/** One reconciliation of one view version, as kept in reconciliation_runs. */
export interface RunRecord {
  runId: string;
  viewId: string;
  version: number;
  trigger: TriggerKind;
  triggerBatchRunId: string | null;
  status: RunStatus;
  startedAtMs: number;
  finishedAtMs: number;
  batchRunId: string | null;
  batchWatermarkMs: number | null;
  range: ComparisonRange | null;
  windowsCompared: number;
  measures: MeasureRatios[];
  severity: Severity | null;
  repairsRequested: number;
  pinAction: 'pinned' | 'unpinned' | null;
  findingsTotal: number;
  findingsStored: number;
  /** Why a run failed or was skipped. */
  error: string | null;
}
