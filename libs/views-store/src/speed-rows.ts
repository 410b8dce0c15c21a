import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { allRows, bigintMap, textSetMap } from './cassandra-rows.js';
import { readAcrossBuckets, type KeyWindowsQuery } from './window-range.js';

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

// event_ids and max_offset are the speed layer's bookkeeping: large, and not part of the answer.
const SELECT_SPEED_ROWS =
  'SELECT window_start, kafka_partition, measures, distinct_values FROM speed_view WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?';

export function decodeSpeedRow(row: Readonly<Record<string, unknown>>): SpeedRow {
  return {
    windowStartMs: (row['window_start'] as Date).getTime(),
    kafkaPartition: Number(row['kafka_partition']),
    measures: bigintMap(row['measures']),
    distinctValues: textSetMap(row['distinct_values']),
  };
}

/** Every partition's partial rows of a key's windows, in window order. */
export async function readSpeedRows(
  client: CassandraClient,
  query: KeyWindowsQuery,
): Promise<SpeedRow[]> {
  const { viewId, version, key } = query;
  try {
    return await readAcrossBuckets(query, async (bucket, fromMs, toMs) =>
      (
        await allRows(client, SELECT_SPEED_ROWS, [
          viewId,
          version,
          key,
          bucket,
          new Date(fromMs),
          new Date(toMs),
        ])
      ).map(decodeSpeedRow),
    );
  } catch (error) {
    throw cassandraError('read speed_view', error, { viewId, version, key });
  }
}
