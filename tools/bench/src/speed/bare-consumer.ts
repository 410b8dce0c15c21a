import type { Kafka } from 'kafkajs';

/**
 * The baseline: a kafkajs consumer group with the speed app's consumer settings that only decodes
 * each message (JSON.parse) and commits each batch. Runs until `stop` is called.
 */
export async function startBareConsumer(
  kafka: Kafka,
  {
    groupId,
    topic,
    partitionsConsumedConcurrently,
    maxBytesPerPartition,
  }: {
    groupId: string;
    topic: string;
    partitionsConsumedConcurrently: number;
    maxBytesPerPartition: number;
  },
) {
  const consumer = kafka.consumer({ groupId, maxBytesPerPartition, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let decoded = 0;
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
      for (const message of batch.messages)
        if (message.value && JSON.parse(message.value.toString('utf8'))) decoded++;
      resolveOffset(batch.lastOffset());
      const offset = (BigInt(batch.lastOffset()) + 1n).toString();
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }],
      });
      await heartbeat();
    },
  });
  return {
    get decoded() {
      return decoded;
    },
    stop: () => consumer.disconnect(),
  };
}
