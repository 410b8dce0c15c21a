import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { allRows, timestampMs } from './cassandra-rows.js';
import { offsetTimestamp } from './offset-timestamp.js';

/**
 * How far the speed layer has got in one Kafka partition (speed_progress, one row each). The
 * speed layer writes it after a batch's partials and resumes from it; serving reads every row
 * for its freshness watermark.
 */
export interface SpeedProgress {
  kafkaPartition: number;
  /** Largest event time applied; windows are judged late against it. Null before the first event. */
  watermarkMs: number | null;
  /** Every offset up to this one is reflected in speed_view. */
  maxOffset: bigint | null;
  /** No speed_view row of the partition has a later window_start; null when not recorded. */
  maxWindowStartMs: number | null;
  updatedAtMs: number | null;
}

const COLUMNS = 'kafka_partition, watermark, max_offset, max_window_start, updated_at';

export function decodeSpeedProgress(row: Readonly<Record<string, unknown>>): SpeedProgress {
  const maxOffset = row['max_offset'];
  return {
    kafkaPartition: Number(row['kafka_partition']),
    watermarkMs: timestampMs(row['watermark']),
    maxOffset: typeof maxOffset === 'bigint' ? maxOffset : null,
    maxWindowStartMs: timestampMs(row['max_window_start']),
    updatedAtMs: timestampMs(row['updated_at']),
  };
}

/** Every partition's progress; the table has one small row per Kafka partition. */
export async function readSpeedProgress(client: CassandraClient): Promise<SpeedProgress[]> {
  try {
    return (await allRows(client, `SELECT ${COLUMNS} FROM speed_progress`, [])).map(
      decodeSpeedProgress,
    );
  } catch (error) {
    throw cassandraError('read speed_progress', error);
  }
}

/** One partition's progress, or undefined before its first write. */
export async function readPartitionProgress(
  client: CassandraClient,
  kafkaPartition: number,
): Promise<SpeedProgress | undefined> {
  try {
    const row = (
      await client.execute(
        `SELECT ${COLUMNS} FROM speed_progress WHERE kafka_partition = ?`,
        [kafkaPartition],
        { prepare: true },
      )
    ).first();
    return row ? decodeSpeedProgress(row) : undefined;
  } catch (error) {
    throw cassandraError('read speed_progress', error, { kafkaPartition });
  }
}

/** Stamped with its offset like the partials (offsetTimestamp): progress never moves back. */
export async function writePartitionProgress(
  client: CassandraClient,
  progress: { kafkaPartition: number; watermarkMs: number | null; maxOffset: bigint },
) {
  try {
    await client.execute(
      'UPDATE speed_progress USING TIMESTAMP ? SET watermark = ?, max_offset = ?, updated_at = ? WHERE kafka_partition = ?',
      [
        offsetTimestamp(progress.maxOffset),
        progress.watermarkMs === null ? null : new Date(progress.watermarkMs),
        progress.maxOffset,
        new Date(),
        progress.kafkaPartition,
      ],
      { prepare: true },
    );
  } catch (error) {
    throw cassandraError('write speed_progress', error, {
      kafkaPartition: progress.kafkaPartition,
    });
  }
}

/**
 * Raises the partition's window bound before partials with later windows are written (so a
 * restart knows which windows may have rows), stamped with the offset of the batch that needs it.
 */
export async function writeWindowBound(
  client: CassandraClient,
  bound: { kafkaPartition: number; maxWindowStartMs: number; offset: bigint },
) {
  try {
    await client.execute(
      'UPDATE speed_progress USING TIMESTAMP ? SET max_window_start = ? WHERE kafka_partition = ?',
      [offsetTimestamp(bound.offset), new Date(bound.maxWindowStartMs), bound.kafkaPartition],
      { prepare: true },
    );
  } catch (error) {
    throw cassandraError('write speed_progress window bound', error, {
      kafkaPartition: bound.kafkaPartition,
    });
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
