import type { CassandraClient } from '@lambda/cassandra';
import type { View } from '@lambda/transforms';
import { bucketOf, distinctMembers, writeBatchRows } from '@lambda/views-store';

/**
 * Test-only writers of hand-built rows, so serving's tests state their inputs literally. Batch
 * rows go through batch's own writer; speed rows are written in the stored format the speed
 * layer uses, until its writer is exported.
 */

interface WindowAddress {
  view: View;
  key: string;
  windowStartMs: number;
}

export async function writeBatchRow(
  client: CassandraClient,
  {
    view,
    runId,
    key,
    windowStartMs,
    measures,
  }: WindowAddress & {
    runId: string;
    measures: Record<string, bigint>;
  },
): Promise<void> {
  await writeBatchRows(client, {
    view,
    runId,
    rows: [{ key, windowStartMs, measures }],
    concurrency: 1,
  });
}

export async function writeSpeedRow(
  client: CassandraClient,
  {
    view,
    key,
    windowStartMs,
    kafkaPartition,
    measures,
    distinctValues = {},
  }: WindowAddress & {
    kafkaPartition: number;
    measures: Record<string, bigint>;
    distinctValues?: Record<string, string[]>;
  },
): Promise<void> {
  await client.execute(
    'INSERT INTO speed_view (view_id, version, key, bucket, window_start, kafka_partition, measures, distinct_members, event_ids, max_offset, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      view.id,
      view.version,
      key,
      BigInt(bucketOf(view.windowMs, windowStartMs)),
      new Date(windowStartMs),
      kafkaPartition,
      measures,
      distinctMembers(distinctValues),
      ['e-1'],
      1n,
      new Date(),
    ],
  );
}

export async function writeSpeedProgress(
  client: CassandraClient,
  kafkaPartition: number,
  watermarkMs: number | null,
): Promise<void> {
  await client.execute(
    'INSERT INTO speed_progress (kafka_partition, watermark, max_offset, updated_at) VALUES (?, ?, ?, ?)',
    [kafkaPartition, watermarkMs === null ? null : new Date(watermarkMs), 1n, new Date()],
  );
}
