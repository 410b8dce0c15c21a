import type { CassandraClient } from '@lambda/cassandra';
import {
  deadLetterFor,
  type ConsumedBatch,
  type EventProducer,
  type OutgoingMessage,
} from '@lambda/kafka';
import type { View } from '@lambda/transforms';
import {
  readSpeedCheckpoint,
  readSpeedPartial,
  recordLateEvent,
  writeSpeedCheckpoint,
  writeSpeedPartial,
} from '@lambda/views-store';
import { forEachBounded } from './bounded.js';
import type { SpeedSettings } from './config.js';
import { decodeMessage, ingestedAtMs } from './decode-message.js';
import { createPartitionState, type PartitionState } from './partition-state.js';
import type { SpeedMetrics } from './speed-metrics.js';

export interface BatchHandlerDeps {
  cassandra: CassandraClient;
  producer: EventProducer;
  views: readonly View[];
  settings: SpeedSettings;
  metrics: SpeedMetrics;
}

/**
 * One Kafka batch, start to durable: decode (bad messages to the DLQ), load the partials it
 * touches, apply every view, write partials and late events, then the partition checkpoint.
 * Offsets are committed by the consumer only after this resolves.
 */
export function createBatchHandler({
  cassandra,
  producer,
  views,
  settings,
  metrics,
}: BatchHandlerDeps) {
  const partitions = new Map<number, PartitionState>();
  const openWindows = new Map<number, number>();

  async function stateOf(kafkaPartition: number): Promise<PartitionState> {
    let state = partitions.get(kafkaPartition);
    if (!state) {
      const checkpoint = await readSpeedCheckpoint(cassandra, kafkaPartition);
      state = createPartitionState({
        kafkaPartition,
        views,
        allowedLatenessMs: settings.allowedLatenessMs,
        checkpoint,
      });
      partitions.set(kafkaPartition, state);
    }
    return state;
  }

  async function handle(batch: ConsumedBatch): Promise<void> {
    const state = await stateOf(batch.partition);
    const fresh = batch.messages.filter((m) => BigInt(m.offset) > state.durableOffset);
    const deadLetters: OutgoingMessage[] = [];
    const events = fresh.flatMap((message) => {
      const decoded = decodeMessage(message);
      if (decoded.ok) return [{ event: decoded.event, offset: BigInt(message.offset) }];
      deadLetters.push(deadLetterFor(message, decoded.deadLetter));
      metrics.dlq.inc({ reason: decoded.deadLetter.reason });
      return [];
    });

    const missing = state.missingPartials(events.map((e) => e.event));
    await forEachBounded(missing, settings.writeConcurrency, async (address) => {
      const partial = await readSpeedPartial(cassandra, address);
      if (partial) state.restore(address.view, partial);
    });
    for (const { event, offset } of events)
      for (const view of state.apply(event, offset)) metrics.lateDropped.inc({ view: view.id });

    const flushTimer = metrics.flushDuration.startTimer();
    const writes = state.takeWrites();
    await Promise.all([
      deadLetters.length > 0 ? producer.send(settings.dlqTopic, deadLetters) : undefined,
      forEachBounded(writes.partials, settings.writeConcurrency, (w) =>
        writeSpeedPartial(cassandra, w, settings.rowTtlSeconds),
      ),
      forEachBounded(writes.lateEvents, settings.writeConcurrency, (l) =>
        recordLateEvent(cassandra, l, settings.rowTtlSeconds),
      ),
    ]);
    if (writes.checkpoint) await writeSpeedCheckpoint(cassandra, writes.checkpoint);
    flushTimer();

    const visibleAt = Date.now();
    for (const message of fresh)
      metrics.freshness.observe(Math.max(0, visibleAt - ingestedAtMs(message)) / 1000);
    metrics.eventsProcessed.inc(events.length);
    metrics.consumerLag.set(
      { partition: String(batch.partition) },
      Number(BigInt(batch.highWatermark) - BigInt(batch.messages.at(-1)!.offset) - 1n),
    );
    openWindows.set(batch.partition, state.evictSettled());
    metrics.openWindows.set([...openWindows.values()].reduce((a, b) => a + b, 0));
  }

  return {
    handle,
    /** After a rebalance: state of partitions now owned elsewhere is dropped (it is all written). */
    keepOnly(assigned: readonly number[]) {
      for (const partition of partitions.keys())
        if (!assigned.includes(partition)) {
          partitions.delete(partition);
          openWindows.delete(partition);
        }
    },
  };
}
