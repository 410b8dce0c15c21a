import { createHash } from 'node:crypto';
import { queryRows, runStatement } from '@lambda/clickhouse';
import { PlatformError } from '@lambda/errors';
import { identifier, literal, masterTableName } from '@lambda/schemas';
import { compileRedeliveredIdsTable, compileViewSql, type View } from '@lambda/transforms';
import { computeChunks, type Chunk, type WindowRows } from './compute-chunks.js';
import type { DeliveryIndex } from './delivery-index.js';
import { resultsTableName, runRowsCondition, type ResultsTable } from './results-table.js';
import type { RunPlan } from './run-plan.js';

export interface RunStatistics {
  rows: number;
  /** Start of the earliest window with a row; the plan's lower bound when there is none. */
  windowFromMs: number;
  /** Master rows of the source type in the run's range: deliveries, duplicates included. */
  inputEvents: number;
}

/** Names the compiled logic a run applied: a changed compiler or view gives a different version. */
export function transformVersion(view: View): string {
  const sql = compileViewSql(view, { database: 'master' });
  return `v${view.version}+sql.${createHash('sha256').update(sql).digest('hex').slice(0, 12)}`;
}

/** The master rows a view's source reads in a range: the rows its windows are counted from. */
function sourceRowsWhere(view: View, { fromMs, toMs }: { fromMs?: number; toMs: number }) {
  return [
    `schema_version IN (${view.source.versions.map(literal).join(', ')})`,
    `occurred_at_ms < ${literal(toMs)}`,
    ...(fromMs === undefined ? [] : [`occurred_at_ms >= ${literal(fromMs)}`]),
  ].join(' AND ');
}

const sourceTableOf = (view: View, database: string) =>
  `${identifier(database)}.${identifier(masterTableName(view.source.type))}`;

/** Source rows per window of the run's range (the window start as `windowStartMs` computes it). */
async function sourceWindowRows({ client, database }: ResultsTable, plan: RunPlan) {
  const { view } = plan;
  const rows = await queryRows<{ window_start_ms: string; rows: string }>(
    client,
    `SELECT intDiv(occurred_at_ms, ${literal(view.windowMs)}) * ${literal(view.windowMs)} AS window_start_ms, count() AS rows
     FROM ${sourceTableOf(view, database)}
     WHERE ${sourceRowsWhere(view, plan)}
     GROUP BY window_start_ms ORDER BY window_start_ms`,
  );
  return rows.map(
    (row): WindowRows => ({ windowStartMs: Number(row.window_start_ms), rows: Number(row.rows) }),
  );
}

async function chunkSourceRows({ client, database }: ResultsTable, plan: RunPlan, chunk: Chunk) {
  const [counted] = await queryRows<{ rows: string }>(
    client,
    `SELECT count() AS rows FROM ${sourceTableOf(plan.view, database)} WHERE ${sourceRowsWhere(plan.view, chunk)}`,
  );
  return Number(counted?.rows ?? 0);
}

/** Attempts at a chunk whose source rows keep changing while it is computed. */
const MAX_CHUNK_ATTEMPTS = 3;

type ChunkHook = () => Promise<void>;

/**
 * Computes a chunk through the run's delivery index when there is one the view can use and the
 * chunk's days still hold the rows they were indexed with; otherwise (or if rows arrived) through
 * the chunk's own re-delivered ids.
 */
async function computeChunk(
  results: ResultsTable,
  plan: RunPlan,
  chunk: Chunk,
  afterIdsCollected: ChunkHook,
  index: DeliveryIndex | undefined,
) {
  if (index && (await computeIndexedChunk(results, plan, chunk, afterIdsCollected, index))) return;
  let expectedRows = chunk.rows;
  for (let attempt = 1; attempt <= MAX_CHUNK_ATTEMPTS; attempt++) {
    const seenRows = await tryComputeChunk(
      results,
      plan,
      { ...chunk, rows: expectedRows },
      afterIdsCollected,
    );
    if (seenRows === expectedRows) return;
    expectedRows = seenRows;
  }
  throw new PlatformError(
    `rows kept arriving in a chunk of view ${plan.view.id} while it was computed`,
    {
      code: 'master_rows_changing',
      context: {
        view: plan.view.id,
        attempts: MAX_CHUNK_ATTEMPTS,
        fromMs: chunk.fromMs,
        toMs: chunk.toMs,
      },
    },
  );
}

/** A Memory table of the run's, named after its id. */
const scratchTableOf = (plan: RunPlan, prefix: string) =>
  `${prefix}_${plan.runId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;

const chunkOptions = (results: ResultsTable, plan: RunPlan, chunk: Chunk) => ({
  database: results.database,
  fromMs: chunk.fromMs,
  toMs: chunk.toMs,
  keyEquals: plan.keyEquals,
});

/** Whether the chunk's rows were kept: false if the view cannot use the index or rows arrived. */
async function computeIndexedChunk(
  results: ResultsTable,
  plan: RunPlan,
  chunk: Chunk,
  afterIdsCollected: ChunkHook,
  index: DeliveryIndex,
): Promise<boolean> {
  const deliveryIndex = await index.prepare(plan.view, chunk);
  if (!deliveryIndex) return false;
  await afterIdsCollected();
  const compiled = compileViewSql(plan.view, {
    ...chunkOptions(results, plan, chunk),
    deliveryIndex,
  });
  return keepChunkRowsIf(results, plan, compiled, () => index.unchanged(plan.view, chunk));
}

/**
 * Most events arrive once: the chunk's re-delivered event_ids go into a Memory table first, and
 * only those events pass through the per-event dedup (ADR 7). A re-delivery archived between
 * that table and the view's query would bypass the dedup, so the chunk's rows are kept only if
 * the chunk still has the source rows it had before the ids were collected (counted with the
 * windows, or after the previous attempt); else it is computed again. Returns the count it saw.
 */
async function tryComputeChunk(
  results: ResultsTable,
  plan: RunPlan,
  chunk: Chunk,
  afterIdsCollected: ChunkHook,
): Promise<number> {
  const options = {
    ...chunkOptions(results, plan, chunk),
    redeliveredIdsTable: scratchTableOf(plan, 'redelivered'),
  };
  const redelivered = compileRedeliveredIdsTable(plan.view, options);
  await runStatement(results.client, redelivered.drop);
  try {
    await runStatement(results.client, redelivered.create);
    await afterIdsCollected();
    let seenRows = chunk.rows;
    await keepChunkRowsIf(results, plan, compileViewSql(plan.view, options), async () => {
      seenRows = await chunkSourceRows(results, plan, chunk);
      return seenRows === chunk.rows;
    });
    return seenRows;
  } finally {
    // A failed drop must not hide why the chunk failed; a Memory table left behind is empty
    // after a restart, and the next chunk of this run drops it first.
    await runStatement(results.client, redelivered.drop).catch(() => undefined);
  }
}

/**
 * Runs the chunk's query into a staging Memory table and moves its rows to the run's results
 * only if `unchanged()`, asked after the query, says the rows it read were the ones expected.
 */
async function keepChunkRowsIf(
  { client, database }: ResultsTable,
  plan: RunPlan,
  compiled: string,
  unchanged: () => Promise<boolean>,
): Promise<boolean> {
  const staged = `${identifier(database)}.${identifier(scratchTableOf(plan, 'chunk_rows'))}`;
  const dropStaged = `DROP TABLE IF EXISTS ${staged}`;
  await runStatement(client, dropStaged);
  try {
    await runStatement(
      client,
      `CREATE TABLE ${staged} ENGINE = Memory AS ${runRowsSql(plan, compiled)}`,
    );
    const kept = await unchanged();
    if (kept)
      await runStatement(
        client,
        `INSERT INTO ${resultsTableName(database)} (${RESULT_COLUMNS}) SELECT * FROM ${staged}`,
      );
    return kept;
  } finally {
    await runStatement(client, dropStaged).catch(() => undefined);
  }
}

const RESULT_COLUMNS = `published_run_id, run_id, ${identifier('view')}, version, key, window_start_ms, measure_names, measure_values`;

/** The chunk's rows as the results table keeps them, in the order of RESULT_COLUMNS. */
function runRowsSql(plan: RunPlan, compiled: string) {
  const { view } = plan;
  const names = Object.keys(view.measures);
  return `SELECT ${literal(plan.publishedRunId)} AS published_run_id, ${literal(plan.runId)} AS run_id,
  ${literal(view.id)} AS ${identifier('view')}, ${literal(view.version)} AS version,
  key, window_start_ms,
  [${names.map(literal).join(', ')}] AS measure_names,
  [${names.map((name) => `CAST(${identifier(name)} AS Nullable(Int64))`).join(', ')}] AS measure_values
FROM (${compiled})`;
}

/**
 * Runs the view's compiled SQL inside ClickHouse, over chunks of at most `maxRowsPerQuery` source
 * rows so memory stays bounded however long the history, and keeps the rows under the run's ids.
 */
export async function computeRunRows(
  results: ResultsTable,
  plan: RunPlan,
  maxRowsPerQuery: number,
  afterIdsCollected: ChunkHook = async () => undefined,
  index?: DeliveryIndex,
): Promise<RunStatistics> {
  const windows = await sourceWindowRows(results, plan);
  for (const chunk of computeChunks(windows, plan.view.windowMs, maxRowsPerQuery))
    await computeChunk(results, plan, chunk, afterIdsCollected, index);
  const [stored] = await queryRows<{ rows: string; first_window: string }>(
    results.client,
    `SELECT count() AS rows, min(window_start_ms) AS first_window
     FROM ${resultsTableName(results.database)} WHERE ${runRowsCondition(plan)}`,
  );
  const rows = Number(stored?.rows ?? 0);
  return {
    rows,
    windowFromMs: rows > 0 ? Number(stored?.first_window) : (plan.fromMs ?? plan.toMs),
    inputEvents: windows.reduce((total, window) => total + window.rows, 0),
  };
}
