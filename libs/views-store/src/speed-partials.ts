import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import { emptyPartial, type MeasureState, type View, type WindowPartial } from '@lambda/transforms';
import { bucketOf } from './bucket.js';

/** Where one Kafka partition's partial of one (view version, key, window) lives. */
export interface SpeedPartialAddress {
  view: View;
  kafkaPartition: number;
  key: string;
  windowStartMs: number;
}

export interface SpeedPartialWrite extends SpeedPartialAddress {
  partial: WindowPartial;
  /** event_ids applied since the last write; the stored set only ever grows by these. */
  newEventIds: readonly string[];
  maxOffset: bigint;
}

/** count/sum always, min/max when not null: an absent entry reads back as null. */
function storedMeasures(partial: WindowPartial) {
  const measures: Record<string, bigint> = {};
  const distinctValues: Record<string, string[]> = {};
  for (const [name, state] of Object.entries(partial.measures)) {
    if (state.kind === 'distinct') distinctValues[name] = [...state.values];
    else if (state.value !== null) measures[name] = state.value;
  }
  return { measures, distinctValues };
}

const UPDATE_PARTIAL = `UPDATE speed_view USING TTL ?
  SET measures = ?, distinct_values = ?, event_ids = event_ids + ?, max_offset = ?, updated_at = ?
  WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start = ? AND kafka_partition = ?`;

/** An absolute upsert: replaying it after a crash writes the same row again. */
export async function writeSpeedPartial(
  client: CassandraClient,
  write: SpeedPartialWrite,
  ttlSeconds: number,
) {
  const { view, kafkaPartition, key, windowStartMs, partial } = write;
  const { measures, distinctValues } = storedMeasures(partial);
  try {
    await client.execute(UPDATE_PARTIAL, [
      ttlSeconds,
      measures,
      distinctValues,
      [...write.newEventIds],
      write.maxOffset,
      new Date(),
      view.id,
      view.version,
      key,
      BigInt(bucketOf(view.windowMs, windowStartMs)),
      new Date(windowStartMs),
      kafkaPartition,
    ]);
  } catch (error) {
    throw cassandraError('write speed partial', error, {
      view: view.id,
      key,
      windowStartMs,
      kafkaPartition,
    });
  }
}

function restoredState(
  state: MeasureState,
  name: string,
  row: Record<string, unknown>,
): MeasureState {
  if (state.kind === 'distinct') {
    const values = (row['distinct_values'] as Record<string, string[]> | null)?.[name] ?? [];
    return { kind: 'distinct', values: new Set(values) };
  }
  const stored = (row['measures'] as Record<string, bigint> | null)?.[name];
  return { ...state, value: stored ?? state.value } as MeasureState;
}

/** The partial a previous run (or another instance before a rebalance) left, or undefined. */
export async function readSpeedPartial(
  client: CassandraClient,
  address: SpeedPartialAddress,
): Promise<WindowPartial | undefined> {
  const { view, kafkaPartition, key, windowStartMs } = address;
  try {
    const row = (
      await client.execute(
        `SELECT measures, distinct_values, event_ids FROM speed_view
         WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start = ? AND kafka_partition = ?`,
        [
          view.id,
          view.version,
          key,
          BigInt(bucketOf(view.windowMs, windowStartMs)),
          new Date(windowStartMs),
          kafkaPartition,
        ],
      )
    ).first();
    if (!row) return undefined;
    const empty = emptyPartial(view, key, windowStartMs);
    const measures = Object.fromEntries(
      Object.entries(empty.measures).map(([name, state]) => [
        name,
        restoredState(state, name, row),
      ]),
    );
    return { ...empty, measures, eventIds: new Set((row['event_ids'] as string[] | null) ?? []) };
  } catch (error) {
    throw cassandraError('read speed partial', error, {
      view: view.id,
      key,
      windowStartMs,
      kafkaPartition,
    });
  }
}

/** One row per late event: a replay re-inserts the same row, so the count stays exact. */
export async function recordLateEvent(
  client: CassandraClient,
  { view, kafkaPartition, key, windowStartMs, eventId }: SpeedPartialAddress & { eventId: string },
  ttlSeconds: number,
) {
  try {
    await client.execute(
      `INSERT INTO speed_late_events (view_id, version, key, bucket, window_start, kafka_partition, event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?`,
      [
        view.id,
        view.version,
        key,
        BigInt(bucketOf(view.windowMs, windowStartMs)),
        new Date(windowStartMs),
        kafkaPartition,
        eventId,
        ttlSeconds,
      ],
    );
  } catch (error) {
    throw cassandraError('record late event', error, { view: view.id, key, windowStartMs });
  }
}
