import type { View } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import type { RunRecord } from '../run/run-record.js';
import type { StoredFinding } from '../run/run-store.js';
import type { RunSummaryJson } from './api-schemas.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentRun(run: RunRecord): RunSummaryJson {
  return {
    runId: run.runId,
    view: run.viewId,
    version: run.version,
    trigger: run.trigger,
    triggerBatchRunId: run.triggerBatchRunId,
    status: run.status,
    startedAt: iso(run.startedAtMs),
    finishedAt: iso(run.finishedAtMs),
    batchRunId: run.batchRunId,
    batchWatermark: isoOrNull(run.batchWatermarkMs),
    from: isoOrNull(run.range?.fromMs ?? null),
    to: isoOrNull(run.range?.toMs ?? null),
    windowsCompared: run.windowsCompared,
    severity: run.severity,
    measures: run.measures,
    repairsRequested: run.repairsRequested,
    pinAction: run.pinAction,
    findings: { total: run.findingsTotal, stored: run.findingsStored },
    error: run.error,
  };
}

/** A run's findings grouped by (key, window), in the order ClickHouse returned them. */
export function presentAffectedWindows(findings: readonly StoredFinding[], windowMs: number) {
  const windows = new Map<
    string,
    { key: string; start: string; end: string; measures: Record<string, unknown> }
  >();
  for (const f of findings) {
    const id = `${f.windowStartMs}\u0000${f.key}`;
    let window = windows.get(id);
    if (!window)
      windows.set(
        id,
        (window = {
          key: f.key,
          start: iso(f.windowStartMs),
          end: iso(f.windowStartMs + windowMs),
          measures: {},
        }),
      );
    window.measures[f.measure] = {
      kind: f.kind,
      speed: f.speed,
      batch: f.batch,
      expected: f.expected,
      lateEvents: f.lateEvents,
      divergence: f.divergence,
      explained: f.explained,
      unexplained: f.unexplained,
    };
  }
  // Unexplained windows first, as ClickHouse picked them; then by key and window.
  return [...windows.values()].sort(
    (a, b) =>
      Number(isUnexplained(b)) - Number(isUnexplained(a)) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : a.start.localeCompare(b.start)),
  );
}

const isUnexplained = (window: { measures: Record<string, unknown> }) =>
  Object.values(window.measures).some((m) => (m as { kind: string }).kind === 'unexplained');

export function presentViewStatus(
  view: View,
  state: ViewState,
  lastRun: RunRecord | undefined,
  lastSucceededRun: RunRecord | undefined,
) {
  return {
    view: view.id,
    version: view.version,
    batchRunId: state.batchRunId,
    batchWatermark: isoOrNull(state.batchWatermarkMs),
    pinnedToBatch: state.pinnedToBatch,
    pinnedReason: state.pinnedReason,
    lastRun: lastRun ? presentRun(lastRun) : null,
    lastSucceededRun: lastSucceededRun ? presentRun(lastSucceededRun) : null,
  };
}
