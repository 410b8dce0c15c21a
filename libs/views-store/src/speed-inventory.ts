import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { bucketOf } from './bucket.js';
import { allRows } from './cassandra-rows.js';
import { storedEventIds } from './event-id-chunks.js';

/** One partition of speed_view: a view version's key over one bucket of windows. */
export interface SpeedPartition {
  viewId: string;
  version: number;
  key: string;
  bucket: number;
}

export function decodeSpeedPartition(row: Readonly<Record<string, unknown>>): SpeedPartition {
  return {
    viewId: String(row['view_id']),
    version: Number(row['version']),
    key: String(row['key']),
    bucket: Number(row['bucket']),
  };
}

/**
 * Every partition of speed_view. A scan of partition keys only (no rows), which Cassandra allows
 * without ALLOW FILTERING; the table holds a few days of partitions (row TTL), so it stays small.
 */
export async function listSpeedPartitions(client: CassandraClient): Promise<SpeedPartition[]> {
  try {
    return (
      await allRows(client, 'SELECT DISTINCT view_id, version, key, bucket FROM speed_view', [])
    ).map(decodeSpeedPartition);
  } catch (error) {
    throw cassandraError('list speed_view partitions', error);
  }
}

/**
 * The event_ids every Kafka partition applied to one window: bookkeeping the speed layer keeps so
 * that re-deliveries count once, and what tells a late re-delivery from a late first delivery.
 */
export async function readAppliedEventIds(
  client: CassandraClient,
  {
    viewId,
    version,
    key,
    windowMs,
    windowStartMs,
  }: { viewId: string; version: number; key: string; windowMs: number; windowStartMs: number },
): Promise<Set<string>> {
  try {
    const rows = await allRows(
      client,
      'SELECT event_ids, event_id_chunks FROM speed_view WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start = ?',
      [viewId, version, key, BigInt(bucketOf(windowMs, windowStartMs)), new Date(windowStartMs)],
    );
    return new Set(rows.flatMap(storedEventIds));
  } catch (error) {
    throw cassandraError('read speed_view event_ids', error, { viewId, version, key });
  }
}
