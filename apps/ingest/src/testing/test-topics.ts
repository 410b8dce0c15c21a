import { createBatchConsumer, ensureTopics, type ConsumedMessage, type Kafka } from '@lambda/kafka';
import { eventually } from '@lambda/testing';
import type { Logger } from '@lambda/telemetry';

/** A raw and a DLQ topic of this test run only, so concurrent tests never read each other's events. */
export async function createTestTopics(kafka: Kafka, name: string) {
  const prefix = `it.ingest.${name}.${process.pid}.${Date.now()}`;
  const topics = { rawTopic: `${prefix}.raw`, dlqTopic: `${prefix}.dlq` };
  await ensureTopics(kafka, [
    { topic: topics.rawTopic, numPartitions: 6 },
    { topic: topics.dlqTopic, numPartitions: 1 },
  ]);
  return {
    ...topics,
    async remove() {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: Object.values(topics) });
      await admin.disconnect();
    },
  };
}

/** Every message of a topic, from the beginning up to its current end. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  logger: Logger,
): Promise<ConsumedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((sum, partition) => sum + Number(partition.high), 0);
  const messages: ConsumedMessage[] = [];
  if (total === 0) return messages;
  let stoppedBy: unknown;
  const consumer = createBatchConsumer({
    kafka,
    groupId: `${topic}.reader.${Date.now()}`,
    topics: [topic],
    logger,
    partitionsConsumedConcurrently: 6,
    handleBatch: async (batch) => {
      messages.push(...batch.messages);
    },
    onStoppedForGood: (error) => {
      stoppedBy = error;
    },
  });
  await consumer.start();
  try {
    await eventually(async () => stoppedBy !== undefined || messages.length >= total, {
      timeoutMs: 60_000,
    });
    if (stoppedBy !== undefined) throw stoppedBy;
  } finally {
    await consumer.stop();
  }
  return messages;
}
