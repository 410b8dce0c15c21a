import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { allRows, timestampMs } from './cassandra-rows.js';

/** How far the speed layer has got in one Kafka partition. */
export interface SpeedProgress {
  kafkaPartition: number;
  /** Largest event time applied; null before the first event. */
  watermarkMs: number | null;
  maxOffset: bigint | null;
  updatedAtMs: number | null;
}

export function decodeSpeedProgress(row: Readonly<Record<string, unknown>>): SpeedProgress {
  const maxOffset = row['max_offset'];
  return {
    kafkaPartition: Number(row['kafka_partition']),
    watermarkMs: timestampMs(row['watermark']),
    maxOffset: typeof maxOffset === 'bigint' ? maxOffset : null,
    updatedAtMs: timestampMs(row['updated_at']),
  };
}

/** Every partition's progress; the table has one small row per Kafka partition. */
export async function readSpeedProgress(client: CassandraClient): Promise<SpeedProgress[]> {
  try {
    return (
      await allRows(
        client,
        'SELECT kafka_partition, watermark, max_offset, updated_at FROM speed_progress',
        [],
      )
    ).map(decodeSpeedProgress);
  } catch (error) {
    throw cassandraError('read speed_progress', error);
  }
}

/**
 * The speed layer is complete up to the slowest partition: the minimum watermark, or null while
 * no partition has reported one.
 */
export function speedWatermarkMs(progress: readonly SpeedProgress[]): number | null {
  const watermarks = progress.flatMap((p) => (p.watermarkMs === null ? [] : [p.watermarkMs]));
  return watermarks.length === 0 ? null : Math.min(...watermarks);
}
