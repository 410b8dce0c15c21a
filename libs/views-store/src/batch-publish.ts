import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import type { View, ViewRow } from '@lambda/transforms';
import { bucketOf } from './bucket.js';
import { forEachBounded } from './bounded.js';

/** One Cassandra partition of batch_view within a run: a key over one bucket of windows. */
export interface BatchPartition {
  key: string;
  bucket: number;
}

export interface BatchRowsWrite {
  view: View;
  /** The run the rows belong to; serving reads them once view_state names it. */
  runId: string;
  rows: readonly ViewRow[];
  /** Batches (of up to 25 rows of one partition) in flight at once. */
  concurrency: number;
}

const INSERT_ROW = `INSERT INTO batch_view (view_id, version, run_id, key, bucket, window_start, measures)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

const DELETE_PARTITION = `DELETE FROM batch_view
  WHERE view_id = ? AND version = ? AND run_id = ? AND key = ? AND bucket = ?`;

/** A measure that is null (min/max with no contributing event) is left out and reads back as null. */
function storedMeasures(row: ViewRow): Record<string, bigint> {
  const measures: Record<string, bigint> = {};
  for (const [name, value] of Object.entries(row.measures))
    if (value !== null) measures[name] = value;
  return measures;
}

/**
 * Rows of one partition go together in an unlogged batch: Cassandra applies a single-partition
 * batch atomically and in isolation, in one round trip. 25 rows of a view with a handful of
 * measures stay under Cassandra's 5 KiB batch-size warning.
 */
const ROWS_PER_BATCH = 25;

function partitionBatches(view: View, runId: string, rows: readonly ViewRow[]) {
  const byPartition = new Map<string, { query: string; params: unknown[] }[]>();
  for (const row of rows) {
    const bucket = bucketOf(view.windowMs, row.windowStartMs);
    const partition = JSON.stringify([row.key, bucket]);
    const statement = {
      query: INSERT_ROW,
      params: [
        view.id,
        view.version,
        runId,
        row.key,
        BigInt(bucket),
        new Date(row.windowStartMs),
        storedMeasures(row),
      ],
    };
    const statements = byPartition.get(partition);
    if (statements) statements.push(statement);
    else byPartition.set(partition, [statement]);
  }
  return [...byPartition.values()].flatMap((statements) =>
    Array.from({ length: Math.ceil(statements.length / ROWS_PER_BATCH) }, (_, i) =>
      statements.slice(i * ROWS_PER_BATCH, (i + 1) * ROWS_PER_BATCH),
    ),
  );
}

/**
 * Writes final values of settled windows as absolute upserts: writing a row again, after a crash
 * or by a targeted recompute, leaves the same row.
 */
export async function writeBatchRows(
  client: CassandraClient,
  { view, runId, rows, concurrency }: BatchRowsWrite,
): Promise<void> {
  try {
    await forEachBounded(partitionBatches(view, runId, rows), concurrency, (statements) =>
      client.batch(statements, { prepare: true, logged: false }),
    );
  } catch (error) {
    throw cassandraError('write batch rows', error, {
      view: view.id,
      version: view.version,
      runId,
    });
  }
}

/** The distinct partitions a set of windows of one view lands in. */
export function batchPartitionsOf(
  view: View,
  windows: readonly Pick<ViewRow, 'key' | 'windowStartMs'>[],
): BatchPartition[] {
  const partitions = new Map<string, BatchPartition>();
  for (const { key, windowStartMs } of windows) {
    const bucket = bucketOf(view.windowMs, windowStartMs);
    partitions.set(JSON.stringify([key, bucket]), { key, bucket });
  }
  return [...partitions.values()];
}

/** Removes whole partitions of a run that serving no longer reads. */
export async function deleteBatchPartitions(
  client: CassandraClient,
  {
    view,
    runId,
    partitions,
    concurrency,
  }: { view: View; runId: string; partitions: readonly BatchPartition[]; concurrency: number },
): Promise<void> {
  try {
    await forEachBounded(partitions, concurrency, ({ key, bucket }) =>
      client.execute(DELETE_PARTITION, [view.id, view.version, runId, key, BigInt(bucket)]),
    );
  } catch (error) {
    throw cassandraError('delete batch partitions', error, { view: view.id, runId });
  }
}
