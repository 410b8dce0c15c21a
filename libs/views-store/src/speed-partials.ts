import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';
import {
  emptyPartial,
  EventIdSet,
  type MeasureState,
  type View,
  type WindowPartial,
} from '@lambda/transforms';
import { bucketOf } from './bucket.js';
import { forEachBounded } from './bounded.js';
import { distinctMembers, speedDistinctValues } from './distinct-members.js';
import { storedEventIds } from './event-id-chunks.js';
import { offsetTimestamp } from './offset-timestamp.js';

/** Where one Kafka partition's partial of one (view version, key, window) lives. */
export interface SpeedPartialAddress {
  view: View;
  kafkaPartition: number;
  key: string;
  windowStartMs: number;
}

export interface SpeedPartialWrite extends SpeedPartialAddress {
  partial: WindowPartial;
  /** event_ids applied since the last write, packed (`EventIdSet.packedSince`); stored as one chunk. */
  newEventIds: Buffer;
  /** Each distinct measure's values new since the last write; stored sets grow by these alone. */
  newDistinctValues: Readonly<Record<string, readonly string[]>>;
  /** The last Kafka offset the partial reflects; also the write's timestamp (see offsetTimestamp). */
  maxOffset: bigint;
}

/** A speed_view primary key in column order, the WHERE clause every statement here shares. */
const PRIMARY_KEY =
  'view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start = ? AND kafka_partition = ?';

const primaryKey = ({ view, kafkaPartition, key, windowStartMs }: SpeedPartialAddress) => [
  view.id,
  view.version,
  key,
  BigInt(bucketOf(view.windowMs, windowStartMs)),
  new Date(windowStartMs),
  kafkaPartition,
];

const context = ({ view, kafkaPartition, key, windowStartMs }: SpeedPartialAddress) => ({
  view: view.id,
  key,
  windowStartMs,
  kafkaPartition,
});

/** count/sum always, min/max when not null: an absent entry reads back as null. */
function storedMeasures(partial: WindowPartial) {
  const measures: Record<string, bigint> = {};
  for (const [name, state] of Object.entries(partial.measures))
    if (state.kind !== 'distinct' && state.value !== null) measures[name] = state.value;
  return measures;
}

// Collections are added to (`+`), not replaced: a replaced collection leaves a tombstone per
// write for Cassandra to carry until compaction. The measures map carries every entry each time
// (entries never disappear: min and max only go from null to a value), so adding to it is the
// same as replacing it. The two sets get only the members new since the last write: the distinct
// values, and one chunk of the new event_ids.
const UPDATE_PARTIAL = `UPDATE speed_view USING TTL ? AND TIMESTAMP ?
  SET measures = measures + ?, distinct_members = distinct_members + ?,
    event_id_chunks = event_id_chunks + ?, max_offset = ?, updated_at = ?
  WHERE ${PRIMARY_KEY}`;

/** The statement of one partial's upsert: absolute measures, and the sets' new members. */
function speedPartialStatement(write: SpeedPartialWrite, ttlSeconds: number) {
  return {
    query: UPDATE_PARTIAL,
    params: [
      ttlSeconds,
      offsetTimestamp(write.maxOffset),
      storedMeasures(write.partial),
      distinctMembers(write.newDistinctValues),
      write.newEventIds.length > 0 ? [write.newEventIds] : [],
      write.maxOffset,
      new Date(),
      ...primaryKey(write),
    ],
  };
}

/**
 * Upserts of absolute measures, with the event_ids and distinct values each write's caller has
 * not written before (`newEventIds`, `newDistinctValues`): replaying one after a crash writes the
 * same cells again, and a set member written twice is still one member. Each is stamped with
 * its Kafka offset, so a write reflecting fewer offsets never replaces one reflecting more, in
 * whatever order they arrive (a consumer expelled from the group mid-batch keeps writing).
 * Partials of one Cassandra partition go together in unlogged batches (atomic and one round trip
 * for a single partition), at most `concurrency` requests in flight.
 */
export async function writeSpeedPartials(
  client: CassandraClient,
  writes: readonly SpeedPartialWrite[],
  { ttlSeconds, concurrency }: { ttlSeconds: number; concurrency: number },
): Promise<void> {
  await forEachBounded(partitionBatches(writes), concurrency, async (batch) => {
    try {
      const statements = batch.map((write) => speedPartialStatement(write, ttlSeconds));
      const [only] = statements;
      if (statements.length === 1)
        await client.execute(only!.query, only!.params, { prepare: true });
      else await client.batch(statements, { prepare: true, logged: false });
    } catch (error) {
      throw cassandraError('write speed partials', error, context(batch[0]!));
    }
  });
}

/**
 * Cassandra warns above 5 KiB per batch and refuses 50 KiB: a batch holds partials of one
 * partition up to about 4 KiB of new event_ids and distinct values (a large one goes alone).
 */
const BATCH_BYTES = 4096;

const approximateBytes = (write: SpeedPartialWrite) => {
  let bytes = 64 + 24 * Object.keys(write.partial.measures).length;
  bytes += write.newEventIds.length;
  for (const [name, values] of Object.entries(write.newDistinctValues))
    for (const value of values) bytes += name.length + value.length + 5;
  return bytes;
};

function partitionBatches(writes: readonly SpeedPartialWrite[]): SpeedPartialWrite[][] {
  const open = new Map<string, { writes: SpeedPartialWrite[]; bytes: number }>();
  const batches: SpeedPartialWrite[][] = [];
  for (const write of writes) {
    const id = `${write.view.id}@${write.view.version}\u0000${write.key}\u0000${bucketOf(write.view.windowMs, write.windowStartMs)}`;
    const bytes = approximateBytes(write);
    const current = open.get(id);
    if (current && current.bytes + bytes <= BATCH_BYTES) {
      current.writes.push(write);
      current.bytes += bytes;
      continue;
    }
    const started = { writes: [write], bytes };
    batches.push(started.writes);
    open.set(id, started);
  }
  return batches;
}

function restoredState(
  state: MeasureState,
  name: string,
  row: Record<string, unknown>,
  distinctValues: Readonly<Record<string, readonly string[]>>,
): MeasureState {
  if (state.kind === 'distinct') return { kind: 'distinct', values: new Set(distinctValues[name]) };
  const stored = (row['measures'] as Record<string, bigint> | null)?.[name];
  return { ...state, value: stored ?? state.value } as MeasureState;
}

/** The partial a previous run (or another instance before a rebalance) left, or undefined. */
export async function readSpeedPartial(
  client: CassandraClient,
  address: SpeedPartialAddress,
): Promise<WindowPartial | undefined> {
  const { view, key, windowStartMs } = address;
  try {
    const row = (
      await client.execute(
        `SELECT measures, distinct_members, distinct_values, event_ids, event_id_chunks FROM speed_view WHERE ${PRIMARY_KEY}`,
        primaryKey(address),
        { prepare: true },
      )
    ).first();
    if (!row) return undefined;
    const empty = emptyPartial(view, key, windowStartMs);
    const distinctValues = speedDistinctValues(row);
    const measures = Object.fromEntries(
      Object.entries(empty.measures).map(([name, state]) => [
        name,
        restoredState(state, name, row, distinctValues),
      ]),
    );
    return { ...empty, measures, eventIds: EventIdSet.of(storedEventIds(row)) };
  } catch (error) {
    throw cassandraError('read speed partial', error, context(address));
  }
}

/** An event refused as late by one view: one row each, so a replay re-inserts the same row. */
export interface SpeedLateEvent extends SpeedPartialAddress {
  eventId: string;
}

const INSERT_LATE_EVENT = `INSERT INTO speed_late_events (view_id, version, key, bucket, window_start, kafka_partition, event_id)
  VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?`;

export async function recordLateEvents(
  client: CassandraClient,
  lateEvents: readonly SpeedLateEvent[],
  { ttlSeconds, concurrency }: { ttlSeconds: number; concurrency: number },
): Promise<void> {
  await forEachBounded(lateEvents, concurrency, async (late) => {
    try {
      await client.execute(INSERT_LATE_EVENT, [...primaryKey(late), late.eventId, ttlSeconds], {
        prepare: true,
      });
    } catch (error) {
      throw cassandraError('record late event', error, context(late));
    }
  });
}
