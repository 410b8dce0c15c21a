import type { CassandraClient } from '@lambda/cassandra';
import type { View } from '@lambda/transforms';
import { batchPartitionsOf, deleteBatchPartitions } from '@lambda/views-store';
import {
  dropPublishedRun,
  publishedRunIds,
  publishedWindowPages,
  type ResultsTable,
} from './results-table.js';

/**
 * Deletes the Cassandra rows and ClickHouse results of every run of a view version except those
 * in `keep` (the current run, and the one before it, which requests already in flight may still
 * read). Failed runs' partial rows go the same way. Idempotent: a retirement cut short is
 * finished by the next one, because the ClickHouse partition is dropped last.
 */
export async function retireRuns(
  {
    results,
    cassandra,
    concurrency,
  }: { results: ResultsTable; cassandra: CassandraClient; concurrency: number },
  view: View,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const retired = (await publishedRunIds(results, view)).filter((runId) => !keep.has(runId));
  for (const runId of retired) {
    for await (const windows of publishedWindowPages(results, runId))
      await deleteBatchPartitions(cassandra, {
        view,
        runId,
        partitions: batchPartitionsOf(view, windows),
        concurrency,
      });
    await dropPublishedRun(results, runId);
  }
  return retired;
}
