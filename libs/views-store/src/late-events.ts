import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { allRows } from './cassandra-rows.js';
import { readAcrossBuckets, type KeyWindowsQuery } from './window-range.js';

/** One event the speed layer refused as too late for its window (speed_late_events). */
export interface LateEvent {
  windowStartMs: number;
  kafkaPartition: number;
  eventId: string;
}

const SELECT_LATE_EVENTS =
  'SELECT window_start, kafka_partition, event_id FROM speed_late_events WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?';

export function decodeLateEvent(row: Readonly<Record<string, unknown>>): LateEvent {
  return {
    windowStartMs: (row['window_start'] as Date).getTime(),
    kafkaPartition: Number(row['kafka_partition']),
    eventId: String(row['event_id']),
  };
}

/** The late events recorded for a key's windows, in window order. */
export async function readLateEvents(
  client: CassandraClient,
  query: KeyWindowsQuery,
): Promise<LateEvent[]> {
  const { viewId, version, key } = query;
  try {
    return await readAcrossBuckets(query, async (bucket, fromMs, toMs) =>
      (
        await allRows(client, SELECT_LATE_EVENTS, [
          viewId,
          version,
          key,
          bucket,
          new Date(fromMs),
          new Date(toMs),
        ])
      ).map(decodeLateEvent),
    );
  } catch (error) {
    throw cassandraError('read speed_late_events', error, { viewId, version, key });
  }
}
