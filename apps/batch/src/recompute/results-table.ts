import { queryRows, runStatement, type ClickHouseClient } from '@lambda/clickhouse';
import { identifier, literal } from '@lambda/schemas';
import { decodeViewRow, type View, type ViewRow } from '@lambda/transforms';
import type { RunPlan } from './run-plan.js';

/** Where the batch layer keeps its results in ClickHouse (see migration 0003_batch_results). */
export interface ResultsTable {
  client: ClickHouseClient;
  database: string;
}

const PAGE_ROWS = 10_000;
export const resultsTableName = (database: string) =>
  `${identifier(database)}.${identifier('batch_view_rows')}`;

/** The rows one run computed (a targeted run's share of the partition it publishes into). */
export const runRowsCondition = (plan: RunPlan) =>
  `published_run_id = ${literal(plan.publishedRunId)} AND run_id = ${literal(plan.runId)}`;

interface StoredRow {
  key: string;
  window_start_ms: string;
  measure_names: string[];
  measure_values: (string | null)[];
}

/**
 * Pages through rows in (key, window_start_ms) order, resuming after the last row of the previous
 * page, so memory stays bounded however large the run.
 */
async function* keysetPages<T extends { key: string; window_start_ms: string }>(
  client: ClickHouseClient,
  select: string,
  condition: string,
): AsyncGenerator<T[]> {
  let after: T | undefined;
  for (;;) {
    const resume = after
      ? ` AND (key, window_start_ms) > (${literal(after.key)}, ${literal(BigInt(after.window_start_ms))})`
      : '';
    const page = await queryRows<T>(
      client,
      `${select} WHERE ${condition}${resume} ORDER BY key, window_start_ms LIMIT ${PAGE_ROWS}`,
    );
    if (page.length > 0) yield page;
    if (page.length < PAGE_ROWS) return;
    after = page[page.length - 1];
  }
}

/** The run's rows, decoded exactly as the speed executor finalizes them. */
export async function* runRowPages(
  { client, database }: ResultsTable,
  plan: RunPlan,
): AsyncGenerator<ViewRow[]> {
  const select = `SELECT key, window_start_ms, measure_names, measure_values FROM ${resultsTableName(database)}`;
  for await (const page of keysetPages<StoredRow>(client, select, runRowsCondition(plan)))
    yield page.map((row) =>
      decodeViewRow(plan.view, {
        key: row.key,
        window_start_ms: row.window_start_ms,
        ...Object.fromEntries(row.measure_names.map((name, i) => [name, row.measure_values[i]])),
      }),
    );
}

/** Every (key, window) ever published under a batch_view run id, by any run. */
export async function* publishedWindowPages(
  { client, database }: ResultsTable,
  publishedRunId: string,
): AsyncGenerator<{ key: string; windowStartMs: number }[]> {
  const select = `SELECT DISTINCT key, window_start_ms FROM ${resultsTableName(database)}`;
  const condition = `published_run_id = ${literal(publishedRunId)}`;
  for await (const page of keysetPages<{ key: string; window_start_ms: string }>(
    client,
    select,
    condition,
  ))
    yield page.map((row) => ({ key: row.key, windowStartMs: Number(row.window_start_ms) }));
}

/** The batch_view run ids of a view version whose rows ClickHouse still holds. */
export async function publishedRunIds({ client, database }: ResultsTable, view: View) {
  const rows = await queryRows<{ published_run_id: string }>(
    client,
    `SELECT DISTINCT published_run_id FROM ${resultsTableName(database)}
     WHERE ${identifier('view')} = ${literal(view.id)} AND version = ${literal(view.version)}`,
  );
  return rows.map((row) => row.published_run_id);
}

export async function dropPublishedRun({ client, database }: ResultsTable, publishedRunId: string) {
  await runStatement(
    client,
    `ALTER TABLE ${resultsTableName(database)} DROP PARTITION ${literal(publishedRunId)}`,
  );
}
