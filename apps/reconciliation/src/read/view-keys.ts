import type { CassandraClient } from '@lambda/cassandra';
import { queryRows, type ClickHouseClient } from '@lambda/clickhouse';
import { identifier, literal } from '@lambda/schemas';
import type { View } from '@lambda/transforms';
import { bucketsCovering, listSpeedPartitions } from '@lambda/views-store';
import type { ComparisonRange } from '../compare/comparison-range.js';

/** The ClickHouse database the batch layer keeps its results and the master dataset in. */
export interface ResultsDatabase {
  client: ClickHouseClient;
  database: string;
}

/**
 * Keys the published batch run has rows for in the range, from the run's results that batch keeps
 * in ClickHouse (batch_view_rows, ADR 7): listing them from Cassandra would scan every run ever
 * published. Targeted repairs publish under the same id, so their keys are included.
 */
async function batchKeys(
  { client, database }: ResultsDatabase,
  view: View,
  publishedRunId: string,
  { fromMs, toMs }: ComparisonRange,
): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    client,
    `SELECT DISTINCT key FROM ${identifier(database)}.batch_view_rows
     WHERE published_run_id = ${literal(publishedRunId)}
       AND ${identifier('view')} = ${literal(view.id)} AND version = ${literal(view.version)}
       AND window_start_ms >= ${literal(fromMs)} AND window_start_ms < ${literal(toMs)}`,
  );
  return rows.map((row) => row.key);
}

/** Keys speed holds a partition of within the range's buckets (possibly for other windows). */
async function speedKeys(
  cassandra: CassandraClient,
  view: View,
  { fromMs, toMs }: ComparisonRange,
) {
  const buckets = new Set(bucketsCovering(view.windowMs, fromMs, toMs));
  return (await listSpeedPartitions(cassandra))
    .filter((p) => p.viewId === view.id && p.version === view.version && buckets.has(p.bucket))
    .map((p) => p.key);
}

/** Every key either layer holds in the range: a key only speed has is drift too. */
export async function keysOfRange(
  stores: { results: ResultsDatabase; cassandra: CassandraClient },
  view: View,
  publishedRunId: string,
  range: ComparisonRange,
): Promise<string[]> {
  const [batch, speed] = await Promise.all([
    batchKeys(stores.results, view, publishedRunId, range),
    speedKeys(stores.cassandra, view, range),
  ]);
  return [...new Set([...batch, ...speed])].sort();
}
