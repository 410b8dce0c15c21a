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
  /**
   * Keeps this member's group session alive during a long batch (kafkajs sends heartbeats only
   * when asked). Call it between steps, not on a timer: a stuck handler should lose the session.
   * A rebalance it notices does not interrupt the batch; it is acted on once the batch is committed.
   */
  heartbeat(): Promise<void>;
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
  /** Default 30000. A member that sends no heartbeat for this long is expelled from the group. */
  sessionTimeoutMs?: number;
  /** Upper bound of one partition's batch, which bounds the time to handle it. Default 1 MiB. */
  maxBytesPerPartition?: number;
  /**
   * Called after every join of the group (start and each rebalance) with this member's partitions
   * per topic, before any batch of the new assignment is handled.
   */
  onAssignment?(assigned: Readonly<Record<string, readonly number[]>>): void;
  /**
   * Called when kafkajs crashed the consumer and will not restart it (a non-retriable error):
   * the member is out of the group for good, so the process should exit and be started afresh.
   */
  onStoppedForGood(error: unknown): void;
}

export interface BatchConsumer {
  start(): Promise<void>;
  /** Finishes the batch in hand (it commits), then leaves the group. */
  stop(): Promise<void>;
  /** True between joining the group and stopping/crashing. */
  readonly joined: boolean;
  readonly consumer: Consumer;
}

// kafkajs's isRebalancing, plus an expelled member: the group moved on without this member.
const REBALANCE_ERRORS = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);
const isRebalance = (error: unknown) =>
  REBALANCE_ERRORS.has(String((error as { type?: unknown } | null)?.type));

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
    maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    allowAutoTopicCreation: false,
  });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    joined = true;
    options.onAssignment?.(payload.memberAssignment);
  });
  consumer.on(consumer.events.STOP, () => (joined = false));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    joined = false;
    options.logger.error(
      { err: payload.error, groupId: options.groupId, restart: payload.restart },
      'consumer crashed',
    );
    if (!payload.restart) options.onStoppedForGood(payload.error);
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
        eachBatch: async ({
          batch,
          resolveOffset,
          commitOffsetsIfNecessary,
          heartbeat,
          isRunning,
          isStale,
        }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          let rebalance: unknown;
          const keepAlive = async () => {
            if (rebalance) return;
            try {
              await heartbeat();
            } catch (error) {
              if (!isRebalance(error)) throw error;
              rebalance = error;
            }
          };
          const messages = batch.messages.map((m) => toConsumed(batch.topic, batch.partition, m));
          await options.handleBatch({
            topic: batch.topic,
            partition: batch.partition,
            messages,
            highWatermark: batch.highWatermark,
            heartbeat: keepAlive,
          });
          resolveOffset(batch.lastOffset());
          const offset = (BigInt(batch.lastOffset()) + 1n).toString();
          // The batch's own commit, not consumer.commitOffsets: that one silently does nothing
          // once stop() has begun (kafkajs checks `running`), which lost the last commit of every
          // graceful shutdown. A member still in the group may commit while it prepares to rebalance.
          await commitOffsetsIfNecessary({
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }],
          });
          // Thrown, kafkajs rejoins the group once the other batches in hand are done.
          if (rebalance) throw rebalance;
          await heartbeat();
        },
      });
    },
    stop: () => consumer.disconnect(),
  };
}
