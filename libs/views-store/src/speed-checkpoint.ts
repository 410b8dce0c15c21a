import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';

/** How far one Kafka partition's events are durably reflected in speed_view. */
export interface SpeedCheckpoint {
  kafkaPartition: number;
  /** Largest event time seen; windows are judged late against it. */
  watermarkMs: number;
  /** Every offset up to this one is fully written. */
  maxOffset: bigint;
  updatedAtMs: number;
}

export async function writeSpeedCheckpoint(
  client: CassandraClient,
  progress: Omit<SpeedCheckpoint, 'updatedAtMs'>,
) {
  try {
    await client.execute(
      'UPDATE speed_progress SET watermark = ?, max_offset = ?, updated_at = ? WHERE kafka_partition = ?',
      [new Date(progress.watermarkMs), progress.maxOffset, new Date(), progress.kafkaPartition],
    );
  } catch (error) {
    throw cassandraError('write speed progress', error, {
      kafkaPartition: progress.kafkaPartition,
    });
  }
}

export async function readSpeedCheckpoint(
  client: CassandraClient,
  kafkaPartition: number,
): Promise<SpeedCheckpoint | undefined> {
  try {
    const row = (
      await client.execute(
        'SELECT watermark, max_offset, updated_at FROM speed_progress WHERE kafka_partition = ?',
        [kafkaPartition],
      )
    ).first();
    return row
      ? {
          kafkaPartition,
          watermarkMs: (row['watermark'] as Date).getTime(),
          maxOffset: row['max_offset'] as bigint,
          updatedAtMs: (row['updated_at'] as Date).getTime(),
        }
      : undefined;
  } catch (error) {
    throw cassandraError('read speed progress', error, { kafkaPartition });
  }
}
