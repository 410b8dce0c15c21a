import type { CassandraClient } from '@lambda/cassandra';
import { PlatformError } from '@lambda/errors';
import type { Logger } from '@lambda/telemetry';
import { publishBatchRun, writeBatchRows } from '@lambda/views-store';
import type { BatchRunCompleted } from '@lambda/control';
import type { BatchMetrics } from '../metrics.js';
import type { Lease } from './lease.js';
import { describeError, reportFailure, reportSuccess } from './report-run.js';
import { computeRunRows, type RunStatistics } from './compute-rows.js';
import type { DeliveryIndex } from './delivery-index.js';
import { runRowPages, type ResultsTable } from './results-table.js';
import { recordRun, type RunRecord } from './run-history.js';
import type { RunPlan } from './run-plan.js';

/** `chunk_ids_collected` comes once per compute chunk attempt, between its re-delivered ids (or delivery index) and its rows. */
export type RunStep = 'chunk_ids_collected' | 'computed' | 'rows_published';

export interface RunHooks {
  /** Called after each step; throwing here fails the run as a store failure at that point would. */
  afterStep?(step: RunStep, plan: RunPlan): Promise<void>;
}

export interface RunContext {
  results: ResultsTable;
  cassandra: CassandraClient;
  metrics: BatchMetrics;
  logger: Logger;
  publishConcurrency: number;
  /** Source rows one compute query may aggregate (bounds ClickHouse memory). */
  computeChunkRows: number;
  announce(message: BatchRunCompleted): Promise<void>;
  clock(): number;
  hooks?: RunHooks;
  /** Shared by the full runs of one `recompute` of all views (ADR 7); without it, each chunk finds its own re-delivered ids. */
  deliveryIndex?: DeliveryIndex;
  /** Aborted on shutdown: the run stops at its next step, before becoming visible. */
  signal?: AbortSignal;
}

export type RunOutcome =
  | { status: 'succeeded'; runId: string; rows: number }
  /** runId is absent when the failure came before the run started. */
  | { status: 'failed'; runId?: string; error: unknown }
  | { status: 'skipped'; reason: string };

interface Progress {
  statistics?: RunStatistics;
  rowsPublished: number;
  computeMs: number;
  publishMs: number;
}

function assertRunning({ signal }: RunContext) {
  if (signal?.aborted)
    throw new PlatformError('run interrupted by shutdown', { code: 'run_interrupted' });
}

async function afterStep(context: RunContext, step: RunStep, plan: RunPlan) {
  await context.hooks?.afterStep?.(step, plan);
  assertRunning(context);
}

/** Step 1: the compiled SQL runs inside ClickHouse; its rows stay there under the run's ids. */
async function compute(plan: RunPlan, context: RunContext, progress: Progress) {
  const started = context.clock();
  progress.statistics = await computeRunRows(
    context.results,
    plan,
    context.computeChunkRows,
    () => afterStep(context, 'chunk_ids_collected', plan),
    context.deliveryIndex,
  );
  progress.computeMs = context.clock() - started;
}

/** Step 2: the rows go to batch_view under the published run id, page by page. */
async function publishRows(plan: RunPlan, context: RunContext, progress: Progress) {
  const started = context.clock();
  for await (const rows of runRowPages(context.results, plan)) {
    assertRunning(context);
    await writeBatchRows(context.cassandra, {
      view: plan.view,
      runId: plan.publishedRunId,
      rows,
      concurrency: context.publishConcurrency,
    });
    progress.rowsPublished += rows.length;
    context.metrics.rowsPublished.inc({ view: plan.view.id }, rows.length);
  }
  progress.publishMs = context.clock() - started;
}

/** Step 3, full runs only: the one write that switches serving to this run. */
async function makeVisible(plan: RunPlan, lease: Lease, context: RunContext) {
  lease.assertHeld();
  await publishBatchRun(context.cassandra, {
    viewId: plan.view.id,
    version: plan.view.version,
    runId: plan.runId,
    watermarkMs: plan.watermarkMs,
  });
}

/**
 * One run, as a state machine: running → computed (rows in ClickHouse) → rows published (in
 * Cassandra, invisible to serving) → visible (one write of view_state, full runs only) →
 * succeeded. A failure before "visible" leaves serving on the previous run.
 */
export async function executeRun(
  plan: RunPlan,
  lease: Lease,
  context: RunContext,
): Promise<RunOutcome> {
  const startedAtMs = context.clock();
  const progress: Progress = { rowsPublished: 0, computeMs: 0, publishMs: 0 };
  const record = (fields: Pick<RunRecord, 'status' | 'finishedAtMs' | 'error'>) => () =>
    recordRun(context.results, { plan, startedAtMs, ...progress, ...fields });
  const endTimer = context.metrics.runDuration.startTimer({ view: plan.view.id });
  try {
    await record({ status: 'running', finishedAtMs: 0 })();
    await compute(plan, context, progress);
    await afterStep(context, 'computed', plan);
    await publishRows(plan, context, progress);
    await afterStep(context, 'rows_published', plan);
    if (plan.kind === 'full') await makeVisible(plan, lease, context);
  } catch (error) {
    endTimer();
    const failed = record({
      status: 'failed',
      finishedAtMs: context.clock(),
      error: describeError(error),
    });
    return reportFailure(context, plan, error, failed);
  }
  endTimer();
  const succeeded = record({ status: 'succeeded', finishedAtMs: context.clock() });
  return reportSuccess(context, plan, progress.statistics as RunStatistics, succeeded);
}
