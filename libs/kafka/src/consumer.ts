import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '@lambda/telemetry';
import { kafkaError } from './errors.js';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit; kept as a decimal string. */
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: KafkaMessage['headers'];
  timestampMs: number;
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
  /** The partition's high watermark when the batch was fetched, for lag. */
  highWatermark: string;
}

export interface BatchConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  logger: Logger;
  /** Must resolve only once the batch's effects are durable: offsets are committed right after. */
  handleBatch(batch: ConsumedBatch): Promise<void>;
  /** Where a group with no committed offset starts. Default true (the log is the source of truth). */
  fromBeginning?: boolean;
  /** Partitions handled at once by this instance. Default 1. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
}

export interface BatchConsumer {
  start(): Promise<void>;
  /** Finishes the batch in hand (it commits), then leaves the group. */
  stop(): Promise<void>;
  /** True between joining the group and stopping/crashing. */
  readonly joined: boolean;
  readonly consumer: Consumer;
}

const toConsumed = (topic: string, partition: number, m: KafkaMessage): ConsumedMessage => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key ? m.key.toString() : null,
  value: m.value,
  headers: m.headers,
  timestampMs: Number(m.timestamp),
});

/**
 * At-least-once consumption with auto-commit off: a batch's next offset is committed only after
 * `handleBatch` resolved. A crash in between re-delivers the batch; sinks are idempotent.
 */
export function createBatchConsumer(options: BatchConsumerOptions): BatchConsumer {
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    allowAutoTopicCreation: false,
  });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  consumer.on(consumer.events.STOP, () => (joined = false));
  consumer.on(consumer.events.CRASH, (event) => {
    joined = false;
    options.logger.error(
      { err: event.payload.error, groupId: options.groupId },
      'consumer crashed',
    );
  });

  return {
    consumer,
    get joined() {
      return joined;
    },
    async start() {
      try {
        await consumer.connect();
        await consumer.subscribe({
          topics: [...options.topics],
          fromBeginning: options.fromBeginning ?? true,
        });
      } catch (error) {
        throw kafkaError('consumer start', error, { groupId: options.groupId });
      }
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const messages = batch.messages.map((m) => toConsumed(batch.topic, batch.partition, m));
          await options.handleBatch({
            topic: batch.topic,
            partition: batch.partition,
            messages,
            highWatermark: batch.highWatermark,
          });
          resolveOffset(batch.lastOffset());
          const next = (BigInt(batch.lastOffset()) + 1n).toString();
          await consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: next },
          ]);
          await heartbeat();
        },
      });
    },
    stop: () => consumer.disconnect(),
  };
}
