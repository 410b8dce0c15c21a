import type { CassandraClient } from '@lambda/cassandra';
import { createViewExecutor, type View, type WindowPartial } from '@lambda/transforms';
import { bucketOf, distinctMembers, forEachBounded } from '@lambda/views-store';
import type { Delivery } from './deliveries.js';

export interface SpeedLayerOptions {
  allowedLatenessMs: number;
  /** Leaves out a window, as if its rows had expired. */
  skipWindow?: (view: View, windowStartMs: number) => boolean;
}

const partitionKey = (view: View, key: string, windowStartMs: number) => [
  view.id,
  view.version,
  key,
  BigInt(bucketOf(view.windowMs, windowStartMs)),
  new Date(windowStartMs),
];

function storedMeasures(partial: WindowPartial) {
  const measures: Record<string, bigint> = {};
  const distinctValues: Record<string, Set<string>> = {};
  for (const [name, state] of Object.entries(partial.measures))
    if (state.kind === 'distinct') distinctValues[name] = state.values;
    else if (state.value !== null) measures[name] = state.value;
  return { measures, members: distinctMembers(distinctValues) };
}

const INSERT_PARTIAL = `INSERT INTO speed_view (view_id, version, key, bucket, window_start, kafka_partition,
  measures, distinct_members, event_id_chunks, max_offset, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_LATE = `INSERT INTO speed_late_events (view_id, version, key, bucket, window_start, kafka_partition, event_id)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

/**
 * What the speed layer would have written for these deliveries: per Kafka partition, the speed
 * executor of each view applies events in offset order; final partials go to speed_view and
 * refused late events to speed_late_events, in the stored format the speed app writes. A view
 * passed here may be a deliberately broken copy of a shipped one (same id and version, other
 * logic). Plain inserts rather than the speed app's writer, so these tests exercise reconciliation
 * against the table format, not the speed app's batching.
 */
export async function writeSpeedLayer(
  cassandra: CassandraClient,
  views: readonly View[],
  deliveries: readonly Delivery[],
  { allowedLatenessMs, skipWindow = () => false }: SpeedLayerOptions,
): Promise<{ lateEvents: number }> {
  let lateEvents = 0;
  const partitions = [...new Set(deliveries.map((d) => d.kafkaPartition))];
  for (const kafkaPartition of partitions) {
    const mine = deliveries
      .filter((d) => d.kafkaPartition === kafkaPartition)
      .sort((a, b) => a.kafkaOffset - b.kafkaOffset);
    const maxOffset = BigInt(mine.at(-1)!.kafkaOffset);
    for (const view of views) {
      const executor = createViewExecutor({ view, allowedLatenessMs });
      const late: { key: string; windowStartMs: number; eventId: string }[] = [];
      for (const { event } of mine)
        if (executor.apply(event) === 'late')
          late.push({ ...executor.locate(event)!, eventId: event.eventId });
      const partials = executor
        .openPartials()
        .filter((p) => p.eventIds.size > 0 && !skipWindow(view, p.windowStartMs));
      const kept = late.filter((l) => !skipWindow(view, l.windowStartMs));
      lateEvents += kept.length;
      await forEachBounded(partials, 64, async (partial) => {
        const { measures, members } = storedMeasures(partial);
        await cassandra.execute(
          INSERT_PARTIAL,
          [
            ...partitionKey(view, partial.key, partial.windowStartMs),
            kafkaPartition,
            measures,
            members,
            [partial.eventIds.packedSince(0)],
            maxOffset,
            new Date(),
          ],
          { prepare: true },
        );
      });
      await forEachBounded(kept, 64, async ({ key, windowStartMs, eventId }) => {
        await cassandra.execute(
          INSERT_LATE,
          [...partitionKey(view, key, windowStartMs), kafkaPartition, eventId],
          { prepare: true },
        );
      });
    }
  }
  return { lateEvents };
}
