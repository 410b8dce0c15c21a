import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { allRows, bigintMap } from './cassandra-rows.js';
import { readAcrossBuckets, type KeyWindowsQuery } from './window-range.js';

/** One settled window as a batch run published it: final values (distinct as a count). */
export interface BatchRow {
  windowStartMs: number;
  /** min and max are absent when nothing contributed. */
  measures: Readonly<Record<string, bigint>>;
}

const SELECT_BATCH_ROWS =
  'SELECT window_start, measures FROM batch_view WHERE view_id = ? AND version = ? AND run_id = ? AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?';

export function decodeBatchRow(row: Readonly<Record<string, unknown>>): BatchRow {
  return {
    windowStartMs: (row['window_start'] as Date).getTime(),
    measures: bigintMap(row['measures']),
  };
}

/** The windows of one batch run for a key, in window order. */
export async function readBatchRows(
  client: CassandraClient,
  query: KeyWindowsQuery & { runId: string },
): Promise<BatchRow[]> {
  const { viewId, version, runId, key } = query;
  try {
    return await readAcrossBuckets(query, async (bucket, fromMs, toMs) =>
      (
        await allRows(client, SELECT_BATCH_ROWS, [
          viewId,
          version,
          runId,
          key,
          bucket,
          new Date(fromMs),
          new Date(toMs),
        ])
      ).map(decodeBatchRow),
    );
  } catch (error) {
    throw cassandraError('read batch_view', error, { viewId, version, runId, key });
  }
}
