import type { CassandraClient } from '@lambda/cassandra';
import {
  deadLetterFor,
  type ConsumedBatch,
  type ConsumedMessage,
  type EventProducer,
  type OutgoingMessage,
} from '@lambda/kafka';
import type { ParsedEvent } from '@lambda/schemas';
import type { View } from '@lambda/transforms';
import { readPartitionProgress, readSpeedPartial } from '@lambda/views-store';
import { forEachBounded } from '@lambda/views-store';
import type { SpeedSettings } from './config.js';
import { decodeMessage, ingestedAtMs } from './decode-message.js';
import { keepingAlive } from './keep-alive.js';
import { createPartitionState, type PartitionState } from './partition-state.js';
import type { SpeedMetrics } from './speed-metrics.js';
import { writeBatch } from './write-batch.js';

export interface BatchHandlerDeps {
  cassandra: CassandraClient;
  producer: EventProducer;
  views: readonly View[];
  settings: SpeedSettings;
  metrics: SpeedMetrics;
}

/**
 * One Kafka batch, start to durable: decode (bad messages to the DLQ), load the partials it
 * touches that may have rows, apply every view, then write it all (writeBatch). Offsets are
 * committed by the consumer only after this resolves.
 */
export function createBatchHandler({
  cassandra,
  producer,
  views,
  settings,
  metrics,
}: BatchHandlerDeps) {
  /** Each partition's state and the group generation it was last known to be current in. */
  const partitions = new Map<number, { state: PartitionState; generation: number }>();
  const openWindows = new Map<number, number>();
  let generation = 0;

  /**
   * The partition's state, made from its stored progress the first time. After a rebalance the
   * state held from before is kept only if nobody wrote the partition meanwhile (its progress is
   * still this state's); otherwise another instance moved it on and it is rebuilt from Cassandra.
   */
  async function stateOf(kafkaPartition: number): Promise<PartitionState> {
    const held = partitions.get(kafkaPartition);
    if (held?.generation === generation) return held.state;
    const progress = await readPartitionProgress(cassandra, kafkaPartition);
    if (held && (progress?.maxOffset ?? -1n) === held.state.appliedOffset) {
      held.generation = generation;
      return held.state;
    }
    const state = createPartitionState({
      kafkaPartition,
      views,
      allowedLatenessMs: settings.allowedLatenessMs,
      progress,
    });
    partitions.set(kafkaPartition, { state, generation });
    return state;
  }

  function decodeAll(messages: readonly ConsumedMessage[]) {
    const deadLetters: OutgoingMessage[] = [];
    const events: ParsedEvent[] = [];
    for (const message of messages) {
      const decoded = decodeMessage(message);
      if (decoded.ok) events.push(decoded.event);
      else {
        deadLetters.push(deadLetterFor(message, decoded.deadLetter));
        metrics.dlq.inc({ reason: decoded.deadLetter.reason });
      }
    }
    return { events, deadLetters };
  }

  async function applyAndWrite(
    state: PartitionState,
    batch: ConsumedBatch,
    fresh: readonly ConsumedMessage[],
  ) {
    const { events, deadLetters } = decodeAll(fresh);
    await keepingAlive(batch.heartbeat, () =>
      forEachBounded(state.missingPartials(events), settings.writeConcurrency, async (at) => {
        const partial = await readSpeedPartial(cassandra, at);
        if (partial) state.restore(at.view, partial);
      }),
    );
    for (const event of events)
      for (const view of state.apply(event)) metrics.lateDropped.inc({ view: view.id });

    const flushTimer = metrics.flushDuration.startTimer();
    const writes = state.takeWrites(BigInt(fresh.at(-1)!.offset));
    await keepingAlive(batch.heartbeat, () =>
      writeBatch({ cassandra, producer, settings }, writes, deadLetters),
    );
    flushTimer();
    return events.length;
  }

  async function handle(batch: ConsumedBatch): Promise<void> {
    const state = await stateOf(batch.partition);
    const fresh = batch.messages.filter((m) => BigInt(m.offset) > state.appliedOffset);
    // Already applied and written: a re-delivery after a lost commit. The consumer commits it now.
    if (fresh.length === 0) return;
    let applied: number;
    try {
      applied = await applyAndWrite(state, batch, fresh);
    } catch (error) {
      // Applied in memory but perhaps not written: start again from what Cassandra holds.
      partitions.delete(batch.partition);
      throw error;
    }

    const visibleAt = Date.now();
    for (const message of fresh)
      metrics.freshness.observe(Math.max(0, visibleAt - ingestedAtMs(message)) / 1000);
    metrics.eventsProcessed.inc(applied);
    metrics.consumerLag.set(
      { partition: String(batch.partition) },
      Number(BigInt(batch.highWatermark) - BigInt(fresh.at(-1)!.offset) - 1n),
    );
    openWindows.set(batch.partition, state.evictSettled());
    metrics.openWindows.set([...openWindows.values()].reduce((a, b) => a + b, 0));
  }

  return {
    handle,
    /**
     * After every join of the group: a new generation, so held states are checked against
     * Cassandra before their next batch, and those of partitions now owned elsewhere are dropped
     * (everything they applied is written).
     */
    onAssignment(assigned: readonly number[]) {
      generation++;
      for (const partition of partitions.keys())
        if (!assigned.includes(partition)) {
          partitions.delete(partition);
          openWindows.delete(partition);
        }
    },
  };
}
