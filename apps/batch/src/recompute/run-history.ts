import { insertRows, queryRows } from '@lambda/clickhouse';
import { identifier, literal } from '@lambda/schemas';
import type { View } from '@lambda/transforms';
import { transformVersion, type RunStatistics } from './compute-rows.js';
import type { ResultsTable } from './results-table.js';
import type { RunPlan } from './run-plan.js';

export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface RunRecord {
  plan: RunPlan;
  status: RunStatus;
  startedAtMs: number;
  /** 0 while running. */
  finishedAtMs: number;
  statistics?: RunStatistics;
  rowsPublished?: number;
  computeMs?: number;
  publishMs?: number;
  error?: string;
}

/**
 * batch_runs is append-only: a run writes a `running` row when it starts and a terminal row when
 * it ends; its status is that of its latest row (by finished_at_ms).
 */
export async function recordRun({ client, database }: ResultsTable, record: RunRecord) {
  const { plan, statistics } = record;
  await insertRows(client, `${database}.batch_runs`, [
    {
      run_id: plan.runId,
      view: plan.view.id,
      version: plan.view.version,
      status: record.status,
      started_at_ms: record.startedAtMs,
      finished_at_ms: record.finishedAtMs,
      input_events: statistics?.inputEvents ?? 0,
      window_from_ms: statistics?.windowFromMs ?? plan.fromMs ?? 0,
      window_to_ms: plan.toMs,
      rows_published: record.rowsPublished ?? 0,
      transform_version: transformVersion(plan.view),
      error: record.error ?? '',
      kind: plan.kind,
      published_run_id: plan.publishedRunId,
      key_filter: plan.keyEquals ?? '',
      compute_ms: record.computeMs ?? 0,
      publish_ms: record.publishMs ?? 0,
    },
  ]);
}

/**
 * Runs of a view version that started but never recorded an outcome: their process died, or the
 * store was down when it tried. Called under the view's lease, so none of them is still running.
 */
export async function recordAbandonedRuns(
  results: ResultsTable,
  view: View,
  nowMs: number,
): Promise<string[]> {
  const abandoned = await queryRows<{
    run_id: string;
    kind: 'full' | 'targeted';
    published_run_id: string;
    key_filter: string;
    started_at_ms: string;
    window_from_ms: string;
    window_to_ms: string;
  }>(
    results.client,
    `SELECT run_id, any(kind) AS kind, any(published_run_id) AS published_run_id,
       any(key_filter) AS key_filter, any(started_at_ms) AS started_at_ms,
       any(window_from_ms) AS window_from_ms, any(window_to_ms) AS window_to_ms
     FROM ${identifier(results.database)}.batch_runs
     WHERE ${identifier('view')} = ${literal(view.id)} AND version = ${literal(view.version)}
     GROUP BY run_id
     HAVING countIf(status != 'running') = 0`,
  );
  for (const run of abandoned)
    await recordRun(results, {
      plan: {
        kind: run.kind,
        view,
        runId: run.run_id,
        publishedRunId: run.published_run_id,
        fromMs: Number(run.window_from_ms),
        toMs: Number(run.window_to_ms),
        keyEquals: run.key_filter || undefined,
        watermarkMs: Number(run.window_to_ms),
      },
      status: 'failed',
      startedAtMs: Number(run.started_at_ms),
      finishedAtMs: nowMs,
      error: 'abandoned: the run recorded no outcome (process died or ClickHouse was unreachable)',
    });
  return abandoned.map((run) => run.run_id);
}
