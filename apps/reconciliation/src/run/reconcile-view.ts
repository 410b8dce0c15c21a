import { PlatformError } from '@lambda/errors';
import type { Logger } from '@lambda/telemetry';
import type { View } from '@lambda/transforms';
import { readViewState, setBatchPin, type ViewState } from '@lambda/views-store';
import type { ReconciliationSettings } from '../config.js';
import { comparisonRange, type ComparisonRange } from '../compare/comparison-range.js';
import { ratiosOf, worstUnexplained } from '../compare/divergence.js';
import type { ReconciliationMetrics } from '../metrics.js';
import { coalesceWindows } from '../verdict/coalesce-windows.js';
import { PIN_REASON_PREFIX, pinActionFor, severityOf } from '../verdict/verdict.js';
import {
  compareView,
  type CompareStores,
  type Finding,
  type ViewComparison,
} from './compare-view.js';
import type { RepairPublisher } from './repair-publisher.js';
import { newRunId } from './run-id.js';
import type { MeasureRatios, RunRecord, Trigger } from './run-record.js';
import { insertFindings, insertRun } from './run-store.js';

export interface ReconcileContext {
  stores: CompareStores;
  repairs: RepairPublisher;
  metrics: ReconciliationMetrics;
  logger: Logger;
  settings: Pick<
    ReconciliationSettings,
    | 'thresholds'
    | 'pinOnCritical'
    | 'lookbackMs'
    | 'readConcurrency'
    | 'maxRepairRequests'
    | 'maxFindings'
  >;
  clock(): number;
  /** Aborted on shutdown: a run in progress stops at its next key. */
  signal?: AbortSignal;
}

const describeError = (error: unknown) =>
  error instanceof PlatformError ? `${error.code}: ${error.message}` : String(error);

/** Unexplained findings first: when a run keeps only some, those are the ones to read. */
const keptFindings = (findings: readonly Finding[], max: number) =>
  [...findings]
    .sort((a, b) => Number(b.kind === 'unexplained') - Number(a.kind === 'unexplained'))
    .slice(0, max);

function measureRatios(comparison: ViewComparison): MeasureRatios[] {
  return comparison.measures.map((m) => ({
    measure: m.measure,
    ...ratiosOf(m),
    divergingWindows: m.divergingWindows,
    unexplainedWindows: m.unexplainedWindows,
  }));
}

function pinReason(view: View, runId: string, worst: MeasureRatios) {
  return `${PIN_REASON_PREFIX} unexplained divergence ${(worst.unexplained * 100).toFixed(2)}% on ${worst.measure} of ${view.id} v${view.version} (run ${runId})`;
}

/** Repairs, pin, record: what a compared run does with its result. */
async function actOn(
  view: View,
  trigger: Trigger,
  state: ViewState,
  comparison: ViewComparison,
  base: RunRecord,
  context: ReconcileContext,
): Promise<RunRecord> {
  const { settings, stores } = context;
  const measures = measureRatios(comparison);
  const severity = severityOf(worstUnexplained(comparison.measures), settings.thresholds);
  const worst = measures.reduce((a, b) => (b.unexplained > a.unexplained ? b : a));
  const findings = keptFindings(comparison.findings, settings.maxFindings);
  await insertFindings(stores.results, base, findings);

  const pin = pinActionFor(severity, state, settings.pinOnCritical);
  if (pin !== 'none')
    await setBatchPin(stores.cassandra, {
      viewId: view.id,
      version: view.version,
      pinned: pin === 'pin',
      reason: pin === 'pin' ? pinReason(view, base.runId, worst) : null,
    });
  const ranges =
    severity === 'critical' && trigger.mayRepair
      ? coalesceWindows(comparison.unexplainedWindows, {
          windowMs: view.windowMs,
          keyed: view.key.length > 0,
          maxRanges: settings.maxRepairRequests,
        })
      : [];
  await context.repairs.request(view, ranges, {
    runId: base.runId,
    reason: `unexplained divergence above ${settings.thresholds.criticalRatio}`,
  });
  context.metrics.repairs.inc({ view: view.id }, ranges.length);
  return {
    ...base,
    status: 'succeeded',
    windowsCompared: comparison.windowsCompared,
    measures,
    severity,
    repairsRequested: ranges.length,
    pinAction: pin === 'pin' ? 'pinned' : pin === 'unpin' ? 'unpinned' : null,
    findingsTotal: comparison.findings.length,
    findingsStored: findings.length,
  };
}

function report(view: View, run: RunRecord, context: ReconcileContext) {
  const { metrics, logger } = context;
  metrics.runs.inc({ status: run.status });
  if (run.status !== 'failed') metrics.lastRun.set(run.finishedAtMs / 1000);
  const version = String(view.version);
  for (const m of run.status === 'succeeded' ? run.measures : [])
    for (const kind of ['total', 'explained', 'unexplained'] as const)
      metrics.divergence.set({ view: view.id, version, measure: m.measure, kind }, m[kind]);
  const summary = {
    runId: run.runId,
    view: view.id,
    version: view.version,
    status: run.status,
    severity: run.severity,
    repairs: run.repairsRequested,
    pin: run.pinAction,
  };
  if (run.status === 'failed')
    logger.error({ ...summary, error: run.error }, 'reconciliation failed');
  else if (run.severity === 'ok' || run.severity === null)
    logger.info(summary, 'reconciliation done');
  else logger.warn({ ...summary, measures: run.measures }, 'speed and batch diverge');
}

/**
 * One reconciliation of one view version: compare the windows batch serves within the lookback,
 * keep the findings, repair and pin above the critical threshold, unpin after a clean run, then
 * record the run and export its ratios. Never throws: a failure is a recorded, counted run.
 */
export async function reconcileView(
  view: View,
  trigger: Trigger,
  context: ReconcileContext,
): Promise<RunRecord> {
  const startedAtMs = context.clock();
  let run: RunRecord = {
    runId: newRunId(view, startedAtMs),
    viewId: view.id,
    version: view.version,
    trigger: trigger.kind,
    triggerBatchRunId: trigger.batchRunId ?? null,
    status: 'skipped',
    startedAtMs,
    finishedAtMs: startedAtMs,
    batchRunId: null,
    batchWatermarkMs: null,
    range: null,
    windowsCompared: 0,
    measures: [],
    severity: null,
    repairsRequested: 0,
    pinAction: null,
    findingsTotal: 0,
    findingsStored: 0,
    error: null,
  };
  try {
    const state = await readViewState(context.stores.cassandra, view.id, view.version);
    run = { ...run, batchRunId: state.batchRunId, batchWatermarkMs: state.batchWatermarkMs };
    const range = comparisonRange(view, state, startedAtMs, context.settings.lookbackMs);
    if ('skip' in range) run = { ...run, error: range.skip };
    else run = await compareAndAct(view, trigger, state, range, run, context);
    run = { ...run, finishedAtMs: context.clock() };
    await insertRun(context.stores.results, run);
  } catch (error) {
    run = { ...run, status: 'failed', finishedAtMs: context.clock(), error: describeError(error) };
    await insertRun(context.stores.results, run).catch((recordError: unknown) =>
      context.logger.error(
        { err: recordError, runId: run.runId },
        'could not record the failed run',
      ),
    );
  }
  report(view, run, context);
  return run;
}

async function compareAndAct(
  view: View,
  trigger: Trigger,
  state: ViewState,
  range: ComparisonRange,
  run: RunRecord,
  context: ReconcileContext,
): Promise<RunRecord> {
  const comparison = await compareView(context.stores, view, state.batchRunId!, range, {
    concurrency: context.settings.readConcurrency,
    signal: context.signal,
  });
  return actOn(view, trigger, state, comparison, { ...run, range }, context);
}
