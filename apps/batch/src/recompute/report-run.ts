import { PlatformError, retry } from '@lambda/errors';
import type { BatchRunCompleted } from '@lambda/control';
import type { RunContext, RunOutcome } from './execute-run.js';
import type { RunStatistics } from './compute-rows.js';
import type { RunPlan } from './run-plan.js';

/** Recording an outcome outlives short store outages; a longer one leaves it to the abandoned-run sweep. */
const RECORD_RETRY = { attempts: 8, initialDelayMs: 500, maxDelayMs: 5_000 };

export const describeError = (error: unknown) =>
  error instanceof PlatformError ? `${error.code}: ${error.message}` : String(error);

async function recordOutcome(context: RunContext, plan: RunPlan, record: () => Promise<void>) {
  await retry(record, RECORD_RETRY).catch((error: unknown) =>
    context.logger.error({ err: error, runId: plan.runId }, 'could not record the run outcome'),
  );
}

export async function reportFailure(
  context: RunContext,
  plan: RunPlan,
  error: unknown,
  record: () => Promise<void>,
): Promise<RunOutcome> {
  context.metrics.runs.inc({ view: plan.view.id, status: 'failed' });
  context.logger.error(
    { err: error, runId: plan.runId, view: plan.view.id, kind: plan.kind },
    'recompute run failed',
  );
  await recordOutcome(context, plan, record);
  return { status: 'failed', runId: plan.runId, error };
}

/** After the run is what serving reads: metrics, history, and the announcement on the control topic. */
export async function reportSuccess(
  context: RunContext,
  plan: RunPlan,
  statistics: RunStatistics,
  record: () => Promise<void>,
): Promise<RunOutcome> {
  const { view } = plan;
  context.metrics.runs.inc({ view: view.id, status: 'succeeded' });
  context.metrics.lastSuccess.set(
    { view: view.id, version: String(view.version) },
    context.clock() / 1000,
  );
  context.logger.info(
    { runId: plan.runId, view: view.id, kind: plan.kind, rows: statistics.rows },
    'recompute run succeeded',
  );
  await recordOutcome(context, plan, record);
  const completed: BatchRunCompleted = {
    type: 'batch_run_completed',
    runId: plan.runId,
    publishedRunId: plan.publishedRunId,
    kind: plan.kind,
    viewId: view.id,
    version: view.version,
    watermarkMs: plan.watermarkMs,
    windowFromMs: statistics.windowFromMs,
    windowToMs: plan.toMs,
    rows: statistics.rows,
    ...(plan.keyEquals === undefined ? {} : { key: plan.keyEquals }),
  };
  await context
    .announce(completed)
    .catch((error: unknown) =>
      context.logger.error({ err: error, runId: plan.runId }, 'could not announce the run'),
    );
  return { status: 'succeeded', runId: plan.runId, rows: statistics.rows };
}
