import { bigintMap } from './cassandra-rows.js';
import { speedDistinctValues } from './distinct-members.js';
import { keyWindowsReader } from './window-range.js';

/**
 * One Kafka partition's partial aggregate of a window. A window's value is the merge of all its
 * partitions' rows: counts and sums add, min and max take the extreme, distinct sets unite.
 */
export interface SpeedRow {
  windowStartMs: number;
  kafkaPartition: number;
  /** Count and sum values, and min and max when present (absent means null). */
  measures: Readonly<Record<string, bigint>>;
  /** Each distinct measure's values seen by this partition. */
  distinctValues: Readonly<Record<string, readonly string[]>>;
}

export function decodeSpeedRow(row: Readonly<Record<string, unknown>>): SpeedRow {
  return {
    windowStartMs: (row['window_start'] as Date).getTime(),
    kafkaPartition: Number(row['kafka_partition']),
    measures: bigintMap(row['measures']),
    distinctValues: speedDistinctValues(row),
  };
}

/** Every partition's partial rows of a key's windows, in window order. */
export const readSpeedRows = keyWindowsReader({
  table: 'speed_view',
  // event_ids and max_offset are the speed layer's bookkeeping: large, and not part of the answer.
  columns: 'window_start, kafka_partition, measures, distinct_members, distinct_values',
  decode: decodeSpeedRow,
});
