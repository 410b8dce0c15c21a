import { bigintMap } from './cassandra-rows.js';
import { keyWindowsReader, type KeyWindowsQuery } from './window-range.js';

/** One settled window as a batch run published it: final values (distinct as a count). */
export interface BatchRow {
  windowStartMs: number;
  /** min and max are absent when nothing contributed. */
  measures: Readonly<Record<string, bigint>>;
}

export function decodeBatchRow(row: Readonly<Record<string, unknown>>): BatchRow {
  return {
    windowStartMs: (row['window_start'] as Date).getTime(),
    measures: bigintMap(row['measures']),
  };
}

/** The windows of one batch run (the query's `runId`) for a key, in window order. */
export const readBatchRows = keyWindowsReader<BatchRow, KeyWindowsQuery & { runId: string }>({
  table: 'batch_view',
  columns: 'window_start, measures',
  narrowedBy: { column: 'run_id', valueOf: (query) => query.runId },
  decode: decodeBatchRow,
});
